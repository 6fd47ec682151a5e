using System.Net;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.WebhookIntake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Tests.Ingest;

/// <summary>Clients that post from a given source address (the test server has none of its own), and the rejection flush on demand.</summary>
internal static class IngressClients
{
    public static HttpClient From(HubFactory hub, string address) =>
        new(hub.Server.CreateHandler(http => http.Connection.RemoteIpAddress = IPAddress.Parse(address))) { BaseAddress = hub.Server.BaseAddress };

    /// <summary>Writes the rejections the web host has counted in memory, as its periodic flush would.</summary>
    public static Task FlushRejectionsAsync(HubFactory hub) =>
        hub.Services.GetServices<IHostedService>().OfType<RejectionFlusher>().Single().FlushAsync(CancellationToken.None);
}
