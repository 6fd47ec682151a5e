using System.Net;
using System.Net.Sockets;
using IntegrationHub.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.World;

/// <summary>
/// Web nodes: the hub's web host with its worker inside on a real port, so the simulator delivers webhooks to the URLs
/// the hub hands out. Stopped with the world (or by <see cref="StopWorkerAsync"/>, given <see cref="WebNode.App"/>).
/// </summary>
public sealed partial class HubWorld
{
    /// <summary>
    /// Starts a web node on a free loopback port that is also its public base URL; <paramref name="settings"/> override the
    /// worker defaults of <see cref="StartWorkerAsync"/> (the poll is off unless a test turns it on); <paramref name="services"/>
    /// may replace some. Its provider calls are counted in <see cref="Calls"/> and it runs on the world's clock, as worker nodes do.
    /// </summary>
    public async Task<WebNode> StartWebNodeAsync(string nodeId, Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, CancellationToken cancellationToken = default)
    {
        for (int attempt = 1; ; attempt++)
        {
            // The public URL must be known before the host starts (the pages show hook URLs built on it), so the port is
            // picked first and taken again if something grabbed it in between.
            string url = $"http://127.0.0.1:{FreePort()}";
            try
            {
                return new WebNode(await StartWebAppAsync(nodeId, url, settings, services, cancellationToken), url);
            }
            catch (IOException) when (attempt < 3)
            {
            }
        }
    }

    private async Task<WebApplication> StartWebAppAsync(string nodeId, string url, Dictionary<string, string?>? settings,
        Action<IServiceCollection>? services, CancellationToken cancellationToken)
    {
        var app = BuildNode(nodeId, url, url, settings, services, web: true);
        await app.MigrateHubAsync(cancellationToken);
        app.MapHubWeb();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        _workers.Add(app);
        return app;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
