using IntegrationHub.Tests.Outbound;
using IntegrationHub.Tests.World;
using static IntegrationHub.Tests.Outbound.SubscriptionCalls;

namespace IntegrationHub.Tests.Telemetry;

/// <summary>Outbound webhooks' meters: attempts by outcome, the queue, endpoints failing and for how long.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class OutboundMetricsTests
{
    [Fact]
    public async Task A_failing_endpoint_counts_its_attempts_and_shows_in_the_pending_and_failing_gauges()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world, timeoutSeconds: 2);
        var (tenant, api) = await outbound.TenantAsync("Metrics");
        var repo = await outbound.RepositoryAsync(tenant);
        await CreateAsync(api, outbound.Receiver.Url);
        outbound.Receiver.Then(ReceiverAnswer.Fail);
        using var meters = MeterCapture.Start();
        long eventId = await outbound.EventAsync(repo);
        await outbound.FanOutUntilAsync(1);

        await outbound.SendUntilAsync(1); // 500

        Assert.Equal(1, meters.Sum("ihub.outbound.attempts", ("outcome", "failed")));
        Assert.Equal(1, meters.Gauge("ihub.outbound.pending"));
        Assert.Equal(1, meters.Gauge("ihub.outbound.failing_endpoints"));
        Assert.InRange(meters.Gauge("ihub.outbound.failure_streak.longest"), 0, 60);

        outbound.Clock.Advance(TimeSpan.FromSeconds(5));
        await outbound.SendUntilAsync(2);

        Assert.Equal("delivered", await outbound.DeliveryStatusAsync(eventId));
        Assert.Equal(1, meters.Sum("ihub.outbound.attempts", ("outcome", "delivered")));
        Assert.Equal(1, meters.Sum("ihub.outbound.attempts", ("outcome", "failed")));
    }
}
