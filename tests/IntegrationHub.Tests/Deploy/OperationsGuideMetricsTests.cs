using IntegrationHub.Tests.Ingest;
using IntegrationHub.Tests.Telemetry;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Deploy;

/// <summary>
/// The alerts of deploy/README.md name metrics a hub really serves. Run with the telemetry tests (alone): the hub's
/// meter is process-wide.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class OperationsGuideMetricsTests
{
    [Fact]
    public async Task Every_metric_the_operations_guides_PromQL_names_is_served_by_a_hub_or_renamed_from_its_meter()
    {
        var used = OperationsGuidePromQl.MetricNames();
        Assert.True(OperationsGuidePromQl.Blocks().Count >= 5 && used.Count >= 12, $"PromQL read from deploy/README.md: {string.Join(", ", used)}");

        // A little traffic: one delivery stored and one refused, so the ingress's counters and histogram are exported
        // beside the gauges (present from the start) and ASP.NET Core's and Npgsql's instruments.
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Tenant = "Guide" });
        var hook = await world.SignedHookAsync(world.TenantId, "github", SignedDeliveries.NewSecret(Scheme.GitHub), externalId: "186853002");
        var client = world.Hub.CreateClient();
        byte[] body = IngestFixtures.Bytes("github/push.new-branch.json");
        await client.SendAsync(SignedDeliveries.Create(Scheme.GitHub, hook, body, "push", Guid.NewGuid().ToString()));
        await client.SendAsync(SignedDeliveries.Create(Scheme.GitHub, hook, body, "push", Guid.NewGuid().ToString(), secret: "wrong"));
        var served = PrometheusNames.Served(await client.GetStringAsync("/metrics"));

        // The renaming rule holds for every hub instrument the hub serves now (counters, a histogram, gauges in seconds
        // and in counts), so the names it gives the rest (counters nothing above moved) are the names they will have.
        var instruments = PrometheusNames.HubInstruments();
        var exported = instruments.Where(i => i.Series.Any(served.Contains)).ToList();
        Assert.All(exported, i => Assert.All(i.Series, s => Assert.True(served.Contains(s), $"{i.Instrument} served without {s}")));
        Assert.True(exported.Count >= 12, $"only {exported.Count} hub instruments served: {string.Join(", ", exported.Select(i => i.Instrument))}");

        var renamed = instruments.SelectMany(i => i.Series).ToHashSet();
        var unknown = used.Where(n => !served.Contains(n) && !renamed.Contains(n)).ToList();
        Assert.True(unknown.Count == 0, $"PromQL in deploy/README.md names what no hub serves: {string.Join(", ", unknown)}\nserved: "
            + string.Join(", ", served.Order()));
    }
}
