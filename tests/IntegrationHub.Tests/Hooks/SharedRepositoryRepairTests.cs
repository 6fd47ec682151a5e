using IntegrationHub.Providers.Api;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Hooks;

/// <summary>
/// Two tenants watch one repository; tenant A's hook is deleted or changed at the provider, or its registration died
/// before the id was stored. Repairing A's hook never adopts, rewrites or deletes tenant B's.
/// </summary>
public sealed class SharedRepositoryRepairTests(SharedRepositoryFixture shared) : IClassFixture<SharedRepositoryFixture>
{
    public static TheoryData<string> Providers => SharedRepositoryFixture.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reconciliation_recreates_a_deleted_hook_without_adopting_the_other_tenants(string provider)
    {
        var r = await shared.OnOneRepositoryAsync(provider);
        string before = await shared.AtProviderAsync(r, r.B.Url);
        var (api, target) = await shared.PersonAsync(r.A);
        Assert.True(await api.Hooks.DeleteAsync(target, r.A.ProviderHookId, CancellationToken.None));
        Assert.Equal([r.B.Url], await shared.UrlsAtProviderAsync(r));

        await shared.ReconcileAsync(r.A);

        Assert.True(await RepairedAsync(r, "hook.recreated"), $"{provider}: A's hook was not recreated");
        string newId = await shared.World.ScalarAsync<string>("SELECT provider_hook_id FROM hooks WHERE id = $1 AND status = 'registered'", r.A.HookId);
        Assert.NotEqual(r.A.ProviderHookId, newId);
        await AssertBothDeliverAsync(r, before);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reconciliation_restores_a_hook_changed_at_the_provider_and_leaves_the_other_tenants_alone(string provider)
    {
        var r = await shared.OnOneRepositoryAsync(provider);
        string before = await shared.AtProviderAsync(r, r.B.Url);
        var (api, target) = await shared.PersonAsync(r.A);
        // Someone points A's hook elsewhere, with a secret of their own.
        var moved = new HookSpec(new Uri("http://127.0.0.1:9/somewhere-else"), "a-persons-secret", api.Descriptor.DefaultHookEvents, BasicAuthUsername: "someone");
        await api.Hooks.UpdateAsync(target, r.A.ProviderHookId, moved, CancellationToken.None);
        Assert.Equal("", await shared.AtProviderAsync(r, r.A.Url));

        await shared.ReconcileAsync(r.A);

        Assert.True(await RepairedAsync(r, "hook.repaired"), $"{provider}: A's hook was not restored");
        Assert.Equal(r.A.ProviderHookId, await shared.World.ScalarAsync<string>("SELECT provider_hook_id FROM hooks WHERE id = $1 AND status = 'registered'", r.A.HookId));
        await AssertBothDeliverAsync(r, before);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Registration_retried_after_its_id_was_lost_adopts_its_own_hook_and_not_the_other_tenants(string provider)
    {
        var r = await shared.OnOneRepositoryAsync(provider);
        string before = await shared.AtProviderAsync(r, r.B.Url);
        string ours = await shared.AtProviderAsync(r, r.A.Url);
        // As if a node created A's hook at the provider and died before storing its id.
        await shared.World.ExecAsync("UPDATE hooks SET provider_hook_id = NULL, status = 'pending', register_attempts = 1 WHERE id = $1", r.A.HookId);
        await shared.HookBatchAsync(r.A.ConnectionId, r.A.RepositoryId);

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await shared.World.ScalarAsync<string>("SELECT status FROM hooks WHERE id = $1", r.A.HookId) == "registered"), $"{provider}: A's hook was not registered again");
        Assert.Equal(r.A.ProviderHookId, await shared.World.ScalarAsync<string>("SELECT provider_hook_id FROM hooks WHERE id = $1", r.A.HookId));
        Assert.Equal(ours, await shared.AtProviderAsync(r, r.A.Url)); // updated in place: no second hook of A's
        await AssertBothDeliverAsync(r, before);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_hook_adopted_before_hooks_were_told_apart_is_left_to_the_tenant_it_delivers_to(string provider)
    {
        var r = await shared.OnOneRepositoryAsync(provider);
        string before = await shared.AtProviderAsync(r, r.B.Url);
        await AdoptedLongAgoAsync(r);

        await shared.ReconcileAsync(r.A);

        // A's row recorded B's hook: the repair gives A a hook of its own instead of rewriting B's to A's URL and secret.
        Assert.True(await RepairedAsync(r, "hook.recreated"), $"{provider}: A did not get a hook of its own");
        Assert.NotEqual(r.B.ProviderHookId, await shared.World.ScalarAsync<string>("SELECT provider_hook_id FROM hooks WHERE id = $1", r.A.HookId));
        await AssertBothDeliverAsync(r, before);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Removing_a_hook_whose_id_another_tenant_also_records_leaves_that_tenants_hook(string provider)
    {
        var r = await shared.OnOneRepositoryAsync(provider);
        string before = await shared.AtProviderAsync(r, r.B.Url);
        await AdoptedLongAgoAsync(r);

        await shared.World.ExecAsync("UPDATE repositories SET watched = false WHERE id = $1", r.A.RepositoryId);
        await shared.HookBatchAsync(r.A.ConnectionId, r.A.RepositoryId);

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await shared.World.ScalarAsync<string>("SELECT status FROM hooks WHERE id = $1", r.A.HookId) == "removed"), $"{provider}: A's hook was not removed");
        Assert.Equal([r.B.Url], await shared.UrlsAtProviderAsync(r));
        await shared.AssertBUntouchedAsync(r, before);
    }

    /// <summary>
    /// The state the old prefix rule could leave: B's registration, retried, adopted A's hook and rewrote it to B's URL
    /// and secret: one hook at the provider, delivering to B, and both rows recording its id.
    /// </summary>
    private async Task AdoptedLongAgoAsync(SharedRepository r)
    {
        var (api, target) = await shared.PersonAsync(r.A);
        Assert.True(await api.Hooks.DeleteAsync(target, r.A.ProviderHookId, CancellationToken.None));
        await shared.World.ExecAsync("UPDATE hooks SET provider_hook_id = $2 WHERE id = $1", r.A.HookId, r.B.ProviderHookId);
        Assert.Equal([r.B.Url], await shared.UrlsAtProviderAsync(r));
    }

    /// <summary>The repair was done and recorded in A's audit log, and the run went through A's (only) hook.</summary>
    private async Task<bool> RepairedAsync(SharedRepository r, string action) => await HubWorld.EventuallyAsync(async () =>
        await shared.World.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = $1 AND tenant_id = $2", action, r.A.TenantId) == 1
        && await shared.World.ScalarAsync<bool>("SELECT last_reconciled_at IS NOT NULL FROM hooks WHERE id = $1", r.A.HookId));

    /// <summary>One hook each at the provider again, B's untouched, and a push reaches both, each signed with its own secret.</summary>
    private async Task AssertBothDeliverAsync(SharedRepository r, string before)
    {
        Assert.Equal(new[] { r.A.Url, r.B.Url }.Order(StringComparer.Ordinal), await shared.UrlsAtProviderAsync(r));
        var pushed = await shared.AssertBUntouchedAsync(r, before);
        Assert.True(await shared.VerifiesAsync(pushed, r.A), $"{r.Provider}: tenant A's delivery did not verify with A's secret");
        Assert.Equal(0L, await shared.World.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE tenant_id = $1 AND action LIKE 'hook.%'", r.B.TenantId));
    }
}
