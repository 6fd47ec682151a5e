using IntegrationHub.Outbound;
using IntegrationHub.Tests.World;

using static IntegrationHub.Tests.Outbound.SubscriptionCalls;

namespace IntegrationHub.Tests.Outbound;

/// <summary>Claims are leases: a dead node's deliveries are taken over, and only the claim that holds a row writes its outcome.</summary>
public sealed class OutboundLeaseTests
{
    [Fact]
    public async Task Second_runner_takes_over_after_the_first_dies_and_the_stale_outcome_is_not_written()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var repo = await outbound.RepositoryAsync(tenant);
        await CreateAsync(api, outbound.Receiver.Url);
        long eventId = await outbound.EventAsync(repo);
        await outbound.FanOutUntilAsync(1);

        // Runner 1 claims the delivery and dies before sending it.
        var dead = Assert.Single(await outbound.Claims.ClaimAsync(10, CancellationToken.None));
        var second = outbound.NewSender(outbound.Http);
        Assert.Equal(0, await second.RunOnceAsync(CancellationToken.None)); // still leased to runner 1

        outbound.Clock.Advance(TimeSpan.FromSeconds(outbound.Options.LeaseSeconds + 1));
        Assert.Equal(1, await second.RunOnceAsync(CancellationToken.None));
        Assert.Single(await outbound.Receiver.WaitForAsync(1));
        Assert.Equal("delivered", await outbound.DeliveryStatusAsync(eventId));

        // Runner 1 comes back and reports a failure for its old claim: the holder's outcome stands.
        Assert.False(await outbound.Claims.RecordAsync(dead, new AttemptResult(500, 3, "HTTP 500", null, null), CancellationToken.None));
        Assert.Equal("delivered", await outbound.DeliveryStatusAsync(eventId));
        Assert.Equal(1, await world.ValueAsync<int>("SELECT attempts FROM outbound_deliveries WHERE event_id = $1", eventId));
        Assert.Null(await world.ValueAsync<DateTime?>("SELECT failing_since FROM subscriptions"));
    }

    [Fact]
    public async Task At_most_four_deliveries_per_subscription_are_in_flight_so_other_subscriptions_are_served()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var repo = await outbound.RepositoryAsync(tenant);
        var (slow, _) = await CreateAsync(api, outbound.Receiver.Url);
        var (other, _) = await CreateAsync(api, outbound.Receiver.Url);
        for (int i = 0; i < 6; i++)
        {
            await outbound.EventAsync(repo);
        }

        await outbound.FanOutUntilAsync(12);

        var claimed = await outbound.Claims.ClaimAsync(64, CancellationToken.None);
        Assert.Equal(4, claimed.Count(c => c.SubscriptionId == slow));
        Assert.Equal(4, claimed.Count(c => c.SubscriptionId == other));
        Assert.Empty(await outbound.Claims.ClaimAsync(64, CancellationToken.None)); // both at their bound until these end
    }
}
