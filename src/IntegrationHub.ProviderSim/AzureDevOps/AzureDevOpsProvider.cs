using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.AzureDevOps;

/// <summary>Azure DevOps under <c>/azure-devops/{org}</c>: repositories live in projects, comments in threads.</summary>
internal sealed class AzureDevOpsProvider : ISimulatedProvider
{
    /// <summary>The name goes into stable uuids and must not change; the slug is the base path.</summary>
    public static readonly ProviderId Id = new("AzureDevOps", "azure-devops");

    public ProviderFacts Facts { get; } = new(Id) { Aliases = ["azure"], CommentThreads = true, OwnersAreProjects = true };

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IWebhookFormatter, AzureDevOpsWebhookFormatter>();
        services.AddSingleton<IDeliveryRules, AzureDevOpsDeliveryRules>();
        services.AddSingleton<IApiFaults, AzureDevOpsApiFaults>();
    }

    public void UseBeforeRouting(IApplicationBuilder app)
    {
        app.UseMiddleware<AzureDevOpsProjectIdPaths>();
    }

    public void Map(IEndpointRouteBuilder app) => app.MapAzureDevOps();
}
