using IntegrationHub.Outbound;
using Npgsql;
using IntegrationHub.Tests.World;
using static IntegrationHub.Tests.Outbound.SubscriptionCalls;

namespace IntegrationHub.Tests.Outbound;

/// <summary>Only an unbroken run of failures disables a subscription, and outcomes do not queue behind the fan-out's row locks.</summary>
public sealed class OutboundFailureRunTests
{
    [Fact]
    public async Task Endpoint_that_failed_for_good_then_was_quiet_for_days_is_not_disabled_by_its_next_failure()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var repo = await outbound.RepositoryAsync(tenant);
        var (subscriptionId, _) = await CreateAsync(api, outbound.Receiver.Url);
        outbound.Receiver.Default = ReceiverAnswer.Fail;
        long first = await outbound.EventAsync(repo);
        await outbound.FanOutUntilAsync(1);
        for (int attempt = 1; attempt <= RetrySchedule.MaxAttempts; attempt++)
        {
            outbound.Clock.Advance(await world.ValueAsync<DateTimeOffset>("SELECT next_attempt_at FROM outbound_deliveries WHERE event_id = $1", first)
                - outbound.Clock.GetUtcNow());
            await outbound.SendDueAsync();
        }

        Assert.Equal("failed", await outbound.DeliveryStatusAsync(first));

        // The endpoint recovers, but no event comes for five days; then one transient failure.
        outbound.Clock.Advance(TimeSpan.FromDays(5));
        outbound.Receiver.Then(ReceiverAnswer.Fail);
        outbound.Receiver.Default = ReceiverAnswer.Ok;
        long second = await outbound.EventAsync(repo);
        await outbound.FanOutUntilAsync(2);
        await outbound.SendDueAsync();

        Assert.Equal(RetrySchedule.MaxAttempts + 1, outbound.Receiver.Received.Count);
        Assert.Equal("pending", await outbound.DeliveryStatusAsync(second));
        Assert.True(await world.ValueAsync<bool>("SELECT enabled FROM subscriptions WHERE id = $1", subscriptionId));
        Assert.Equal(outbound.Clock.GetUtcNow(), await world.ValueAsync<DateTimeOffset>("SELECT failing_since FROM subscriptions WHERE id = $1", subscriptionId));

        outbound.Clock.Advance(TimeSpan.FromSeconds(5));
        await outbound.SendDueAsync();
        Assert.Equal("delivered", await outbound.DeliveryStatusAsync(second));
        Assert.Null(await world.ValueAsync<DateTime?>("SELECT failing_since FROM subscriptions WHERE id = $1", subscriptionId));
    }

    [Fact]
    public async Task Delivery_to_a_healthy_subscription_is_recorded_while_a_fan_out_round_holds_its_row()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var repo = await outbound.RepositoryAsync(tenant);
        var (subscriptionId, _) = await CreateAsync(api, outbound.Receiver.Url);
        long eventId = await outbound.EventAsync(repo);
        await outbound.FanOutUntilAsync(1);

        // As a fan-out round does: the subscription row held until its transaction ends.
        await using var conn = await world.Db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("SELECT id FROM subscriptions WHERE id = $1 FOR NO KEY UPDATE", conn, tx))
        {
            hold.Parameters.Add(new() { Value = subscriptionId });
            await hold.ExecuteScalarAsync();
        }

        var send = outbound.SendDueAsync();
        bool finished = await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(30))) == send;
        await tx.RollbackAsync();
        await send;

        Assert.True(finished, "the sender waited for the fan-out's row lock to record a success");
        Assert.Equal("delivered", await outbound.DeliveryStatusAsync(eventId));
    }
}
