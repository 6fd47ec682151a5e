using IntegrationHub.Hosting;
using IntegrationHub.ProviderAccess;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.World;

/// <summary>
/// A web node: the hub's web host with its worker inside (AddHubWeb + AddHubWorker, as the single-machine default runs
/// it) on a real Kestrel port, so the simulator can deliver webhooks to it. The TestServer host (<see cref="Hub"/>) is
/// not reachable over the network, which is why a test of the whole loop needs this one.
/// </summary>
public sealed partial class HubWorld
{
    /// <summary>A web node, poll off (as worker nodes); <paramref name="settings"/> override the defaults ("urls" picks its address).</summary>
    public async Task<WebApplication> StartWebNodeAsync(string nodeId, Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, CancellationToken cancellationToken = default)
    {
        // Named after the web host's assembly, so its static web assets manifest is found.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "IntegrationHub.Web" });
        var defaults = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = ConnectionString,
            ["Hub:PublicBaseUrl"] = PublicBaseUrl,
            ["Hub:Worker:NodeId"] = nodeId,
            ["Hub:Worker:HeartbeatSeconds"] = "5",
            ["Hub:Poll:Enabled"] = "false",
            ["Hub:Hooks:ReconcileMinutes"] = "0",
            ["urls"] = "http://127.0.0.1:0",
        };
        if (_simUrl is not null)
        {
            defaults["Hub:Security:AllowedPrivateHosts:0"] = new Uri(_simUrl).Authority; // the simulator listens on loopback
        }

        builder.Configuration.AddInMemoryCollection(defaults);
        builder.Configuration.AddInMemoryCollection(settings ?? []); // a later source overrides the defaults above
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHubWeb();
        builder.AddHubWorker();
        builder.Services.AddHttpClient(ConnectionApis.HttpClientName).AddHttpMessageHandler(() => new CallCounter.Handler(Calls));
        if (Clock is not null)
        {
            builder.Services.AddSingleton<TimeProvider>(Clock);
        }

        services?.Invoke(builder.Services);
        var node = builder.Build();
        await node.MigrateHubAsync(cancellationToken);
        node.MapHubWeb();
        await node.StartAsync(cancellationToken);
        _workers.Add(node); // stopped with the world, as worker nodes are
        return node;
    }

    /// <summary>The address a started node (web or worker) listens on, without a trailing slash.</summary>
    public static string UrlOf(WebApplication node) =>
        node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
}
