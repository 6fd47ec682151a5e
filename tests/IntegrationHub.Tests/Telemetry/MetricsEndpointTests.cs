using System.Net;
using IntegrationHub.Tests.Ingest;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Telemetry;

/// <summary><c>/metrics</c>: Prometheus text of the hub's meters, kept private by port when the operator says so.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_serves_the_hubs_meters_in_Prometheus_text()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Tenant = "Metrics" });
        var hook = await world.SignedHookAsync(world.TenantId, "github", SignedDeliveries.NewSecret(Scheme.GitHub), externalId: "186853002");
        var client = world.Hub.CreateClient();
        await client.SendAsync(SignedDeliveries.Create(Scheme.GitHub, hook, IngestFixtures.Bytes("github/push.new-branch.json"), "push", Guid.NewGuid().ToString()));
        await client.SendAsync(SignedDeliveries.Create(Scheme.GitHub, hook, IngestFixtures.Bytes("github/push.new-branch.json"), "push", Guid.NewGuid().ToString(),
            secret: "wrong"));

        var response = await client.GetAsync("/metrics");
        string text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        foreach (string name in new[]
        {
            "ihub_deliveries_received_total{", "ihub_deliveries_verified_total{", "ihub_deliveries_stored_total{",
            "ihub_deliveries_rejected_total{", "ihub_deliveries_ack_duration_seconds_bucket{", "ihub_inbox_depth", "ihub_inbox_oldest_age_seconds",
            "ihub_hooks{", "ihub_outbound_pending",
        })
        {
            Assert.Contains(name, text);
        }

        Assert.Contains("reason=\"bad_signature\"", text);
        Assert.Contains("provider=\"github\"", text);
        // ASP.NET Core's own instrumentation is exported alongside.
        Assert.Contains("http_server_request_duration_seconds", text);
        Assert.DoesNotContain(hook.Id.ToString(), text);
    }

    [Fact]
    public async Task Metrics_on_a_private_port_are_not_served_on_the_public_one()
    {
        // The test server's connections have no local port: with a port set, they are all "another port".
        await using var world = await HubWorld.StartAsync(new HubWorldOptions
        {
            Settings = new Dictionary<string, string?> { ["Hub:Telemetry:Prometheus:Port"] = "9464" },
        });

        var response = await world.Hub.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("ihub_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_endpoint_is_absent_when_disabled()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions
        {
            Settings = new Dictionary<string, string?> { ["Hub:Telemetry:Prometheus:Enabled"] = "false" },
        });

        var response = await world.Hub.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("ihub_", await response.Content.ReadAsStringAsync());
    }
}
