using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitLab;

/// <summary>A self-managed GitLab under <c>/gitlab</c>; generated personal access tokens start <c>glpat-</c> as real ones do.</summary>
internal sealed class GitLabProvider : ISimulatedProvider
{
    /// <summary>The name goes into stable uuids and must not change; the slug is the base path.</summary>
    public static readonly ProviderId Id = new("GitLab", "gitlab");

    public ProviderFacts Facts { get; } = new(Id) { PersonalTokenPrefix = "glpat-" };

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IWebhookFormatter, GitLabWebhookFormatter>();
        services.AddSingleton<IDeliveryRules, GitLabDeliveryRules>();
        services.AddSingleton<IApiFaults, GitLabApiFaults>();
    }

    public void UseBeforeRouting(IApplicationBuilder app)
    {
        // Nothing: its routes match the paths as clients send them.
    }

    public void Map(IEndpointRouteBuilder app) => app.MapGitLab();
}
