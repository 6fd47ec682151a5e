using System.Net;
using IntegrationHub.Tests.World;
using IntegrationHub.WebhookIntake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Tests.Ingest;

/// <summary>Clients that post from a given source address (the test server has none of its own), and the rejection flush on demand.</summary>
internal static class IngressClients
{
    public static HttpClient From(HubWorld world, string address) =>
        new(world.Hub.Server.CreateHandler(http => http.Connection.RemoteIpAddress = IPAddress.Parse(address))) { BaseAddress = world.Hub.Server.BaseAddress };

    /// <summary>Writes the rejections the web host has counted in memory now, instead of waiting for its periodic flush.</summary>
    public static Task FlushRejectionsAsync(this HubWorld world) =>
        world.Hub.Services.GetServices<IHostedService>().OfType<RejectionFlusher>().Single().FlushAsync(CancellationToken.None);
}
