using System.Net;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Telemetry;

/// <summary>
/// Both hosts as deployed, listening on a public and a private port with <c>Hub:Telemetry:Prometheus:Port</c> set to the
/// private one: <c>/metrics</c> answers the hub's meters there and 404 on the public port.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class PrivateMetricsPortTests
{
    [Fact]
    public async Task Worker_process_serves_metrics_on_its_private_port_only()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        int publicPort = WorkerProcess.FreePort(), privatePort = WorkerProcess.FreePort();
        // Kestrel's endpoints from configuration replace the --urls WorkerProcess passes.
        await using var worker = WorkerProcess.Start(world.ConnectionString, new Dictionary<string, string>
        {
            ["Kestrel__Endpoints__Public__Url"] = $"http://127.0.0.1:{publicPort}",
            ["Kestrel__Endpoints__Metrics__Url"] = $"http://127.0.0.1:{privatePort}",
            ["Hub__Telemetry__Prometheus__Port"] = privatePort.ToString(),
        });
        Assert.True(await worker.WaitForReadyAsync(), worker.Output);

        await AssertPrivateAsync(publicPort, privatePort);
    }

    [Fact]
    public async Task Web_node_serves_metrics_on_its_private_port_only()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Tenant = "Metrics" });
        int publicPort = WorkerProcess.FreePort(), privatePort = WorkerProcess.FreePort();
        await world.StartWebNodeAsync("metrics-web", new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{publicPort};http://127.0.0.1:{privatePort}",
            ["Hub:Telemetry:Prometheus:Port"] = privatePort.ToString(),
        });

        await AssertPrivateAsync(publicPort, privatePort);
    }

    private static async Task AssertPrivateAsync(int publicPort, int privatePort)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        // The ready line can come just before Kestrel listens.
        Assert.True(await HubWorld.EventuallyAsync(async () =>
        {
            try
            {
                return (await http.GetAsync($"http://127.0.0.1:{publicPort}/healthz")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, seconds: 60));

        using var onPublic = await http.GetAsync($"http://127.0.0.1:{publicPort}/metrics");
        using var onPrivate = await http.GetAsync($"http://127.0.0.1:{privatePort}/metrics");
        string text = await onPrivate.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, onPublic.StatusCode);
        Assert.DoesNotContain("ihub_", await onPublic.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, onPrivate.StatusCode);
        Assert.StartsWith("text/plain", onPrivate.Content.Headers.ContentType?.MediaType);
        foreach (string name in new[] { "ihub_inbox_depth", "ihub_hooks{", "ihub_outbound_pending", "ihub_outbound_failed" })
        {
            Assert.Contains(name, text);
        }
    }
}
