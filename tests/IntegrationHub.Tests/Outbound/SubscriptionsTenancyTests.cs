using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Tests.World;
using static IntegrationHub.Tests.Outbound.SubscriptionCalls;

namespace IntegrationHub.Tests.Outbound;

/// <summary>Another tenant's key finds no subscription of this tenant on any route, and changes nothing.</summary>
public sealed class SubscriptionsTenancyTests
{
    [Fact]
    public async Task Tenant_B_key_cannot_see_change_rotate_delete_replay_or_list_attempts_of_A_subscription()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenantA, apiA) = await outbound.TenantAsync("Tenant A");
        var (_, apiB) = await outbound.TenantAsync("Tenant B");
        var repo = await outbound.RepositoryAsync(tenantA);
        var (id, _) = await CreateAsync(apiA, outbound.Receiver.Url);
        await outbound.EventAsync(repo);
        await outbound.FanOutUntilAsync(1);
        await outbound.SendUntilAsync(1);
        long deliveryId = await world.ValueAsync<long>("SELECT id FROM outbound_deliveries");
        string before = await SnapshotAsync(world);

        Assert.Empty((await JsonAsync(await apiB.GetAsync("/api/v1/subscriptions"), HttpStatusCode.OK))["data"]!.AsArray());
        var answers = new[]
        {
            await apiB.GetAsync($"/api/v1/subscriptions/{id}"),
            await apiB.PatchAsJsonAsync($"/api/v1/subscriptions/{id}", new { url = "https://example.com/stolen", enabled = false }),
            await apiB.PostAsync($"/api/v1/subscriptions/{id}/rotate-secret", null),
            await apiB.GetAsync($"/api/v1/subscriptions/{id}/attempts"),
            await apiB.PostAsJsonAsync($"/api/v1/subscriptions/{id}/replay", new { deliveryId }),
            await apiB.PostAsJsonAsync($"/api/v1/subscriptions/{id}/replay", new { since = DateTimeOffset.UtcNow.AddDays(-1) }),
            await apiB.DeleteAsync($"/api/v1/subscriptions/{id}"),
        };

        foreach (var answer in answers)
        {
            string text = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"{answer.RequestMessage!.Method} {answer.RequestMessage.RequestUri}: {text}");
            Assert.DoesNotContain(outbound.Receiver.Url, text);
            Assert.DoesNotContain("thanks", text);
        }

        Assert.Equal(before, await SnapshotAsync(world));
        Assert.Equal(HttpStatusCode.OK, (await apiA.GetAsync($"/api/v1/subscriptions/{id}")).StatusCode);
    }

    private static Task<string> SnapshotAsync(HubWorld world) => world.ValueAsync<string>("""
        SELECT (SELECT json_agg(s ORDER BY id)::text FROM subscriptions s) || (SELECT json_agg(d ORDER BY id)::text FROM outbound_deliveries d)
            || (SELECT count(*) FROM outbound_attempts)::text || (SELECT count(*) FROM audit_log WHERE action LIKE 'subscription.%')::text
        """);
}
