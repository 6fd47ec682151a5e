using IntegrationHub.Outbound;

using static IntegrationHub.Tests.Outbound.SubscriptionCalls;

namespace IntegrationHub.Tests.Outbound;

/// <summary>Claims are leases: a dead node's deliveries are taken over, and only the claim that holds a row writes its outcome.</summary>
public sealed class OutboundLeaseTests
{
    [Fact]
    public async Task Second_runner_takes_over_after_the_first_dies_and_the_stale_outcome_is_not_written()
    {
        await using var world = await OutboundWorld.StartAsync();
        var (tenant, api) = await world.TenantAsync("Tenant A");
        var repo = await world.RepositoryAsync(tenant);
        await CreateAsync(api, world.Receiver.Url);
        long eventId = await world.EventAsync(repo);
        await world.FanOutUntilAsync(1);

        // Runner 1 claims the delivery and dies before sending it.
        var dead = Assert.Single(await world.Claims.ClaimAsync(10, CancellationToken.None));
        var second = world.NewSender(world.Http);
        Assert.Equal(0, await second.RunOnceAsync(CancellationToken.None)); // still leased to runner 1

        world.Clock.Advance(TimeSpan.FromSeconds(world.Options.LeaseSeconds + 1));
        Assert.Equal(1, await second.RunOnceAsync(CancellationToken.None));
        Assert.Single(await world.Receiver.WaitForAsync(1));
        Assert.Equal("delivered", await world.DeliveryStatusAsync(eventId));

        // Runner 1 comes back and reports a failure for its old claim: the holder's outcome stands.
        Assert.False(await world.Claims.RecordAsync(dead, new AttemptResult(500, 3, "HTTP 500", null, null), CancellationToken.None));
        Assert.Equal("delivered", await world.DeliveryStatusAsync(eventId));
        Assert.Equal(1, await world.ScalarAsync<int>("SELECT attempts FROM outbound_deliveries WHERE event_id = $1", eventId));
        Assert.Null(await world.ScalarAsync<DateTime?>("SELECT failing_since FROM subscriptions"));
    }

    [Fact]
    public async Task At_most_four_deliveries_per_subscription_are_in_flight_so_other_subscriptions_are_served()
    {
        await using var world = await OutboundWorld.StartAsync();
        var (tenant, api) = await world.TenantAsync("Tenant A");
        var repo = await world.RepositoryAsync(tenant);
        var (slow, _) = await CreateAsync(api, world.Receiver.Url);
        var (other, _) = await CreateAsync(api, world.Receiver.Url);
        for (int i = 0; i < 6; i++)
        {
            await world.EventAsync(repo);
        }

        await world.FanOutUntilAsync(12);

        var claimed = await world.Claims.ClaimAsync(64, CancellationToken.None);
        Assert.Equal(4, claimed.Count(c => c.SubscriptionId == slow));
        Assert.Equal(4, claimed.Count(c => c.SubscriptionId == other));
        Assert.Empty(await world.Claims.ClaimAsync(64, CancellationToken.None)); // both at their bound until these end
    }
}
