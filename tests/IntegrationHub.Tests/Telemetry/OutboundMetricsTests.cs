using IntegrationHub.Outbound;
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

    [Fact]
    public async Task A_delivery_that_exhausts_its_attempts_shows_in_the_failed_gauge_and_no_longer_as_pending()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, api) = await outbound.TenantAsync("Metrics");
        var repo = await outbound.RepositoryAsync(tenant);
        await CreateAsync(api, outbound.Receiver.Url);
        outbound.Receiver.Default = ReceiverAnswer.Fail;
        long eventId = await outbound.EventAsync(repo);
        await outbound.FanOutUntilAsync(1);

        // Every attempt of the schedule fails (the driver's clock moves to each retry); after the last one the delivery is given up.
        for (int attempt = 1; attempt <= RetrySchedule.MaxAttempts; attempt++)
        {
            var due = await world.ValueAsync<DateTimeOffset>("SELECT next_attempt_at FROM outbound_deliveries WHERE event_id = $1", eventId);
            outbound.Clock.Advance(due > outbound.Clock.GetUtcNow() ? due - outbound.Clock.GetUtcNow() : TimeSpan.Zero);
            await outbound.SendUntilAsync(attempt);
            Assert.True(await HubWorld.EventuallyAsync(async () =>
                await world.ValueAsync<int>("SELECT attempts FROM outbound_deliveries WHERE event_id = $1", eventId) == attempt));
        }

        Assert.Equal("failed", await outbound.DeliveryStatusAsync(eventId));
        using var meters = MeterCapture.Start();
        Assert.Equal(1, meters.Gauge("ihub.outbound.failed"));
        Assert.Equal(0, meters.Gauge("ihub.outbound.pending"));
        // The endpoint's failure run is still open (it is disabled only after days); its length is counted from its first
        // failure on the hub's clock, which this test did not move.
        Assert.Equal(1, meters.Gauge("ihub.outbound.failing_endpoints"));
        Assert.InRange(meters.Gauge("ihub.outbound.failure_streak.longest"), 0, 300);
    }
}
