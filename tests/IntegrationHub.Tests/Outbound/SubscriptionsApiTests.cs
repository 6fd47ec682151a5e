using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Api;
using IntegrationHub.Tests.World;
using static IntegrationHub.Tests.Outbound.SubscriptionCalls;

namespace IntegrationHub.Tests.Outbound;

/// <summary>/api/v1/subscriptions: create, read, change, rotate and delete, validated and audited.</summary>
public sealed class SubscriptionsApiTests
{
    [Fact]
    public async Task Creates_lists_changes_and_deletes_a_subscription_and_audits_each_change_with_the_key()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var repo = await outbound.RepositoryAsync(tenant);

        var created = await JsonAsync(await api.PostAsJsonAsync("/api/v1/subscriptions",
            new { url = outbound.Receiver.Url, kinds = new[] { "pullrequestopened" }, repositories = new[] { repo.RepositoryId }, description = "CI" }),
            HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();
        Assert.Equal(outbound.Receiver.Url, created["url"]!.GetValue<string>());
        Assert.Equal("PullRequestOpened", created["kinds"]![0]!.GetValue<string>());
        Assert.Equal(repo.RepositoryId, created["repositories"]![0]!.GetValue<Guid>());
        Assert.True(created["enabled"]!.GetValue<bool>());
        Assert.StartsWith("whsec_", created["secret"]!.GetValue<string>());
        Assert.InRange(Convert.FromBase64String(created["secret"]!.GetValue<string>()[6..]).Length, 24, 32);

        var listed = await JsonAsync(await api.GetAsync("/api/v1/subscriptions"), HttpStatusCode.OK);
        var only = Assert.Single(listed["data"]!.AsArray())!;
        Assert.Equal(id, only["id"]!.GetValue<Guid>());
        Assert.Null(only["secret"]); // shown once, at creation
        string stored = await world.ValueAsync<string>("SELECT secret_protected FROM subscriptions WHERE id = $1", id);
        Assert.DoesNotContain(created["secret"]!.GetValue<string>()[6..], stored);

        var patched = await JsonAsync(await api.PatchAsJsonAsync($"/api/v1/subscriptions/{id}",
            new { kinds = Array.Empty<string>(), description = "all events", enabled = false }), HttpStatusCode.OK);
        Assert.Empty(patched["kinds"]!.AsArray());
        Assert.Equal("all events", patched["description"]!.GetValue<string>());
        Assert.False(patched["enabled"]!.GetValue<bool>());
        Assert.Equal(outbound.Receiver.Url, patched["url"]!.GetValue<string>()); // left out: unchanged

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/subscriptions/{id}")).StatusCode);
        var actions = await world.ValueAsync<string[]>(
            "SELECT array_agg(action ORDER BY id) FROM audit_log WHERE tenant_id = $1 AND action LIKE 'subscription.%' AND actor = 'api key ''Tenant A bot'''", tenant);
        Assert.Equal(["subscription.created", "subscription.updated", "subscription.deleted"], actions);
    }

    [Fact]
    public async Task Refuses_bad_urls_private_addresses_unknown_kinds_and_other_tenants_repositories_with_clear_400s()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var (other, _) = await outbound.TenantAsync("Tenant B");
        var foreign = await outbound.RepositoryAsync(other);

        await AssertRefusedAsync(api, new { url = "not a url" }, "url", "full address");
        await AssertRefusedAsync(api, new { url = "https://10.1.2.3/hook" }, "url", "private, loopback or link-local");
        await AssertRefusedAsync(api, new { url = "https://[::1]:8443/hook" }, "url", "private, loopback or link-local");
        await AssertRefusedAsync(api, new { url = "https://169.254.169.254/latest" }, "url", "private, loopback or link-local");
        await AssertRefusedAsync(api, new { url = "https://user:pw@example.com/hook" }, "url", "user name or password");
        await AssertRefusedAsync(api, new { url = outbound.Receiver.Url, kinds = new[] { "Pushed" } }, "kinds", "Unknown kind 'Pushed'");
        await AssertRefusedAsync(api, new { url = outbound.Receiver.Url, repositories = new[] { foreign.RepositoryId } }, "repositories", "unknown repository");
        await AssertRefusedAsync(api, new { url = outbound.Receiver.Url, repositories = new[] { Guid.NewGuid() } }, "repositories", "unknown repository");
        Assert.Equal(0, await world.ValueAsync<long>("SELECT count(*) FROM subscriptions"));

        // Loopback is allow-listed in this hub (127.0.0.1), as the local default does for its mention bot.
        await CreateAsync(api, outbound.Receiver.Url);
        Assert.Equal(1, await world.ValueAsync<long>("SELECT count(*) FROM subscriptions WHERE tenant_id = $1", tenant));
    }

    [Fact]
    public async Task A_tenant_may_have_only_so_many_subscriptions()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions(new Dictionary<string, string?> { ["Hub:Outbound:MaxSubscriptionsPerTenant"] = "2" }));
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (_, api) = await outbound.TenantAsync("Tenant A");
        var (_, otherApi) = await outbound.TenantAsync("Tenant B");
        await CreateAsync(api, outbound.Receiver.Url);
        await CreateAsync(api, outbound.Receiver.Url);

        await AssertRefusedAsync(api, new { url = outbound.Receiver.Url }, "subscriptions", "already has 2 subscriptions");
        await CreateAsync(otherApi, outbound.Receiver.Url); // the limit is per tenant
    }

    [Fact]
    public async Task Keys_without_the_subscriptions_scope_are_forbidden()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, _) = await outbound.TenantAsync("Tenant A");
        using var reader = ApiKeys.Client(world.Hub, await ApiKeys.CreateAsync(world.Hub.Services, tenant, "reader", ApiScopes.EventsRead));

        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/v1/subscriptions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/v1/subscriptions", new { url = outbound.Receiver.Url })).StatusCode);
        Assert.Equal(0, await world.ValueAsync<long>("SELECT count(*) FROM subscriptions"));
    }

    private static async Task AssertRefusedAsync(HttpClient api, object body, string field, string says)
    {
        var problem = await JsonAsync(await api.PostAsJsonAsync("/api/v1/subscriptions", body), HttpStatusCode.BadRequest);
        Assert.Contains(says, problem["errors"]![field]![0]!.GetValue<string>());
    }
}
