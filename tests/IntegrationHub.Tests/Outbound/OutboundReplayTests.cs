using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Tests.World;
using static IntegrationHub.Tests.Outbound.SubscriptionCalls;

namespace IntegrationHub.Tests.Outbound;

/// <summary>Replays send again with the same webhook-id: one delivery, or everything since a time.</summary>
public sealed class OutboundReplayTests
{
    [Fact]
    public async Task Replays_one_delivery_and_everything_since_a_time_with_the_same_webhook_ids()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var repo = await outbound.RepositoryAsync(tenant);
        var (subscriptionId, secret) = await CreateAsync(api, outbound.Receiver.Url);
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        long first = await outbound.EventAsync(repo);
        long second = await outbound.EventAsync(repo);
        await outbound.FanOutUntilAsync(2);
        var original = await outbound.SendUntilAsync(2);
        string firstId = original.Single(w => w.EventId == first).Id;

        long deliveryId = await world.ValueAsync<long>("SELECT id FROM outbound_deliveries WHERE event_id = $1", first);
        var one = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/subscriptions/{subscriptionId}/replay", new { deliveryId }), HttpStatusCode.Accepted);
        Assert.Equal(1, one["queued"]!.GetValue<int>());
        outbound.Clock.Advance(TimeSpan.FromMinutes(1)); // the hub's clock (real time) queued it; the sender's test clock catches up
        var replayed = (await outbound.SendUntilAsync(3))[2];
        Assert.Equal(firstId, replayed.Id);
        Assert.Equal(first, replayed.EventId);
        WebhookReceiver.Verify(replayed, secret);

        var since = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/subscriptions/{subscriptionId}/replay", new { since = before }), HttpStatusCode.Accepted);
        Assert.Equal(2, since["queued"]!.GetValue<int>());
        outbound.Clock.Advance(TimeSpan.FromMinutes(1));
        var all = await outbound.SendUntilAsync(5);
        Assert.Equal([first, second], all[3..].Select(w => w.EventId).Order());
        Assert.Equal(2, await world.ValueAsync<long>("SELECT count(*) FROM outbound_deliveries")); // re-armed, not duplicated

        Assert.Equal(HttpStatusCode.NotFound,
            (await api.PostAsJsonAsync($"/api/v1/subscriptions/{subscriptionId}/replay", new { deliveryId = deliveryId + 1000 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync($"/api/v1/subscriptions/{subscriptionId}/replay", new { })).StatusCode);
        Assert.Equal(2, await world.ValueAsync<long>(
            "SELECT count(*) FROM audit_log WHERE tenant_id = $1 AND action = 'subscription.replayed' AND actor = 'api key ''Tenant A bot'''", tenant));
    }
}
