using IntegrationHub.ProviderSim.AzureDevOps;
using IntegrationHub.ProviderSim.BitbucketCloud;
using IntegrationHub.ProviderSim.BitbucketDataCenter;
using IntegrationHub.ProviderSim.Control;
using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.Events;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.GitHub;
using IntegrationHub.ProviderSim.GitLab;
using IntegrationHub.ProviderSim.OAuth;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim;

/// <summary>
/// Builds the simulator: five providers under their base paths on one port, plus the <c>/_sim</c> control API.
/// Returns the app unstarted so a host (tests, IntegrationHub.Local) can start it and read the bound address.
/// </summary>
public static class SimulatorApp
{
    public static WebApplication Build(string[] args, Action<SimulatorOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(SimulatorApp).Assembly.GetName().Name,
        });
        var options = new SimulatorOptions();
        builder.Configuration.GetSection("Simulator").Bind(options);
        configure?.Invoke(options);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(options.DefaultUrl);
        }

        // The slim builder leaves HTTPS out; with it, an https:// URL and Kestrel:Certificates:Default serve TLS, which is
        // how the hub's CA-bundle trust is tested against an instance behind an internal certificate authority.
        builder.WebHost.UseKestrelHttpsConfiguration();

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(new SimStore(options.TimeProvider));
        services.AddSingleton(new TokenStore(options.TimeProvider));
        services.AddSingleton<FaultRegistry>();
        services.AddSingleton<ApiUsage>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<DeliveryPolicy>();
        services.AddSingleton<EventPublisher>();
        services.AddSingleton<WorldActions>();
        services.AddSingleton<SimBootstrap>();
        services.AddSingleton<Seeder>();
        services.AddSingleton<GitHubWebhookFormatter>();
        services.AddSingleton<IWebhookFormatter>(sp => sp.GetRequiredService<GitHubWebhookFormatter>());
        services.AddSingleton<IWebhookFormatter, GitLabWebhookFormatter>();
        services.AddSingleton<IWebhookFormatter, BitbucketCloudWebhookFormatter>();
        services.AddSingleton<IWebhookFormatter, BitbucketDataCenterWebhookFormatter>();
        services.AddSingleton<IWebhookFormatter, AzureDevOpsWebhookFormatter>();
        services.AddHostedService<DeliveryWorker>();

        var app = builder.Build();
        app.Services.GetRequiredService<SimBootstrap>().Apply();
        app.UseMiddleware<AzureDevOps.AzureDevOpsProjectIdPaths>();
        app.UseRouting(); // after the project-id rewrite, so routes see project names
        app.UseMiddleware<FaultMiddleware>();
        app.MapControlApi();
        app.MapGitHub();
        app.MapGitLab();
        app.MapBitbucketCloud();
        app.MapBitbucketDataCenter();
        app.MapAzureDevOps();
        return app;
    }
}
