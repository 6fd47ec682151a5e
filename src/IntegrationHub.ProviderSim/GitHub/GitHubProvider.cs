using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>GitHub Enterprise Server under <c>/github</c>; issues and pull requests share one number sequence.</summary>
internal sealed class GitHubProvider : ISimulatedProvider
{
    /// <summary>The name goes into stable uuids and must not change; the slug is the base path.</summary>
    public static readonly ProviderId Id = new("GitHub", "github");

    public ProviderFacts Facts { get; } = new(Id) { DemoLogin = "octocat", SharedIssueAndPullNumbers = true, UnfinishedRuns = true };

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<GitHubWebhookFormatter>();
        services.AddSingleton<IWebhookFormatter>(sp => sp.GetRequiredService<GitHubWebhookFormatter>());
        services.AddSingleton<IApiFaults, GitHubApiFaults>();
        services.AddSingleton<GitHubSecondaryLimits>();
        services.AddSingleton<GitHubAppStore>();
        services.AddSingleton<ISimResettable>(sp => sp.GetRequiredService<GitHubAppStore>());
        services.AddSingleton<GitHubAppEvents>();
        services.AddSingleton<GitHubInstallationTokens>();
    }

    public void UseBeforeRouting(IApplicationBuilder app)
    {
        // No path rewrites: its routes match the paths as clients send them. The concurrency limit wraps the whole
        // request, latency faults included, so it sits before the fault middleware.
        var limits = app.ApplicationServices.GetRequiredService<GitHubSecondaryLimits>();
        app.Use((context, next) => limits.Guard(context, next));
    }

    public void Map(IEndpointRouteBuilder app) => app.MapGitHub();
}
