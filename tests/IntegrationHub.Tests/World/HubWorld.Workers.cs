using IntegrationHub.Hosting;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.World;

/// <summary>Worker nodes (AddHubCore + AddHubWorker: Hangfire servers on the world's database, the real jobs) started and stopped by the test.</summary>
public sealed partial class HubWorld
{
    /// <summary>Where worker nodes say the hub is reachable (hook URLs); see <see cref="HubWorldOptions.PublicBaseUrl"/>.</summary>
    public string PublicBaseUrl { get; }

    /// <summary>The provider calls every worker node made.</summary>
    public CallCounter Calls { get; } = new();

    /// <summary>A worker node, poll off; <paramref name="settings"/> override the defaults, <paramref name="services"/> may replace some (a clock).</summary>
    public async Task<WebApplication> StartWorkerAsync(string nodeId, Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, CancellationToken cancellationToken = default)
    {
        var worker = BuildNode(nodeId, PublicBaseUrl, "http://127.0.0.1:0", settings, services, web: false);
        await worker.MigrateHubAsync();
        await worker.StartAsync(cancellationToken);
        _workers.Add(worker);
        return worker;
    }

    /// <summary>
    /// A node of the world: the worker (AddHubCore, or AddHubWeb for a web node, + AddHubWorker) on the world's database,
    /// poll off, its provider calls counted in <see cref="Calls"/>, on the world's clock; <paramref name="settings"/>
    /// override the defaults and <paramref name="services"/> replace what the hub registered.
    /// </summary>
    private WebApplication BuildNode(string nodeId, string publicUrl, string urls, Dictionary<string, string?>? settings,
        Action<IServiceCollection>? services, bool web)
    {
        // A web node is named after the web host's assembly, so its static web assets manifest is found.
        var builder = web
            ? WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "IntegrationHub.Web", EnvironmentName = "Development" })
            : WebApplication.CreateBuilder();
        var defaults = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = ConnectionString,
            ["Hub:PublicBaseUrl"] = publicUrl,
            ["Hub:Worker:NodeId"] = nodeId,
            ["Hub:Worker:HeartbeatSeconds"] = "5",
            ["Hub:Poll:Enabled"] = "false",
            ["Hub:Jobs:InvisibilitySeconds"] = "30",
            ["Hub:Hooks:ReconcileMinutes"] = "0",
            // The simulator enforces no creation limit unless a test asks it to; such a test turns the pace on again,
            // the others register hundreds of GitHub hooks in seconds as before.
            ["Hub:Hooks:PaceCreations"] = "false",
            ["urls"] = urls,
        };
        if (_simUrl is not null)
        {
            defaults["Hub:Security:AllowedPrivateHosts:0"] = new Uri(_simUrl).Authority; // the simulator listens on loopback
        }

        builder.Configuration.AddInMemoryCollection(defaults);
        builder.Configuration.AddInMemoryCollection(settings ?? []); // a later source overrides the defaults above
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (web)
        {
            builder.AddHubWeb();
        }
        else
        {
            builder.AddHubCore();
        }

        builder.AddHubWorker();
        builder.Services.AddHttpClient(ConnectionApis.HttpClientName).AddHttpMessageHandler(() => new CallCounter.Handler(Calls));
        if (Clock is not null)
        {
            builder.Services.AddSingleton<TimeProvider>(Clock);
        }

        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Stops the node gracefully (its Hangfire server says goodbye); a test that kills a node uses a worker process.</summary>
    public async Task StopWorkerAsync(WebApplication worker, CancellationToken cancellationToken = default)
    {
        _workers.Remove(worker);
        await worker.StopAsync(cancellationToken);
        await worker.DisposeAsync();
    }

    public ISecretProtector Protector(WebApplication host) => host.Services.GetRequiredService<ISecretProtector>();
}
