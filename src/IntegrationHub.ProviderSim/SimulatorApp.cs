using IntegrationHub.ProviderSim.Control;
using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.Events;
using IntegrationHub.ProviderSim.Faults;
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
        services.AddSingleton<LimitAnswers>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<DeliveryPolicy>();
        services.AddSingleton<EventPublisher>();
        services.AddSingleton<WorldActions>();
        services.AddSingleton<SimBootstrap>();
        services.AddSingleton<Seeder>();
        services.AddSingleton(new ProviderCatalog(SimProviders.All.Select(p => p.Facts)));
        foreach (var provider in SimProviders.All)
        {
            provider.AddServices(services);
        }

        services.AddHostedService<DeliveryWorker>();

        var app = builder.Build();
        app.Services.GetRequiredService<SimBootstrap>().Apply();
        foreach (var provider in SimProviders.All)
        {
            provider.UseBeforeRouting(app);
        }

        app.UseRouting(); // after the providers' path rewrites, so routes see the rewritten paths
        app.UseMiddleware<FaultMiddleware>();
        app.MapControlApi();
        foreach (var provider in SimProviders.All)
        {
            provider.Map(app);
        }

        return app;
    }
}
