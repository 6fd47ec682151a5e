using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.World;

/// <summary>
/// TestServer has no TCP peer. This gives each request the peer address a test names in <see cref="Header"/>, as
/// Kestrel would from the socket, before any of the hub's middleware runs; the header itself is removed.
/// </summary>
public sealed class PeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.Remove(Header, out var peer))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
            }

            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>The hub, taking peer addresses from <see cref="Header"/>.</summary>
    public static WebApplicationFactory<Program> On(HubFactory hub) =>
        hub.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, PeerAddress>()));

    /// <summary>A browser whose requests come from <paramref name="peer"/>.</summary>
    public static HttpClient Browser(WebApplicationFactory<Program> web, string peer, bool handleCookies = true)
    {
        var client = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = handleCookies });
        client.DefaultRequestHeaders.Add(Header, peer);
        return client;
    }
}
