using IntegrationHub.Outbound;
using Npgsql;
using static IntegrationHub.Tests.Outbound.SubscriptionCalls;

namespace IntegrationHub.Tests.Outbound;

/// <summary>Only an unbroken run of failures disables a subscription, and outcomes do not queue behind the fan-out's row locks.</summary>
public sealed class OutboundFailureRunTests
{
    [Fact]
    public async Task Endpoint_that_failed_for_good_then_was_quiet_for_days_is_not_disabled_by_its_next_failure()
    {
        await using var world = await OutboundWorld.StartAsync();
        var (tenant, api) = await world.TenantAsync("Tenant A");
        var repo = await world.RepositoryAsync(tenant);
        var (subscriptionId, _) = await CreateAsync(api, world.Receiver.Url);
        world.Receiver.Default = ReceiverAnswer.Fail;
        long first = await world.EventAsync(repo);
        await world.FanOutUntilAsync(1);
        for (int attempt = 1; attempt <= RetrySchedule.MaxAttempts; attempt++)
        {
            world.Clock.Advance(await world.ScalarAsync<DateTimeOffset>("SELECT next_attempt_at FROM outbound_deliveries WHERE event_id = $1", first)
                - world.Clock.GetUtcNow());
            await world.SendDueAsync();
        }

        Assert.Equal("failed", await world.DeliveryStatusAsync(first));

        // The endpoint recovers, but no event comes for five days; then one transient failure.
        world.Clock.Advance(TimeSpan.FromDays(5));
        world.Receiver.Then(ReceiverAnswer.Fail);
        world.Receiver.Default = ReceiverAnswer.Ok;
        long second = await world.EventAsync(repo);
        await world.FanOutUntilAsync(2);
        await world.SendDueAsync();

        Assert.Equal(RetrySchedule.MaxAttempts + 1, world.Receiver.Received.Count);
        Assert.Equal("pending", await world.DeliveryStatusAsync(second));
        Assert.True(await world.ScalarAsync<bool>("SELECT enabled FROM subscriptions WHERE id = $1", subscriptionId));
        Assert.Equal(world.Clock.GetUtcNow(), await world.ScalarAsync<DateTimeOffset>("SELECT failing_since FROM subscriptions WHERE id = $1", subscriptionId));

        world.Clock.Advance(TimeSpan.FromSeconds(5));
        await world.SendDueAsync();
        Assert.Equal("delivered", await world.DeliveryStatusAsync(second));
        Assert.Null(await world.ScalarAsync<DateTime?>("SELECT failing_since FROM subscriptions WHERE id = $1", subscriptionId));
    }

    [Fact]
    public async Task Delivery_to_a_healthy_subscription_is_recorded_while_a_fan_out_round_holds_its_row()
    {
        await using var world = await OutboundWorld.StartAsync();
        var (tenant, api) = await world.TenantAsync("Tenant A");
        var repo = await world.RepositoryAsync(tenant);
        var (subscriptionId, _) = await CreateAsync(api, world.Receiver.Url);
        long eventId = await world.EventAsync(repo);
        await world.FanOutUntilAsync(1);

        // As a fan-out round does: the subscription row held until its transaction ends.
        await using var conn = await world.Db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("SELECT id FROM subscriptions WHERE id = $1 FOR NO KEY UPDATE", conn, tx))
        {
            hold.Parameters.Add(new() { Value = subscriptionId });
            await hold.ExecuteScalarAsync();
        }

        var send = world.SendDueAsync();
        bool finished = await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(30))) == send;
        await tx.RollbackAsync();
        await send;

        Assert.True(finished, "the sender waited for the fan-out's row lock to record a success");
        Assert.Equal("delivered", await world.DeliveryStatusAsync(eventId));
    }
}
