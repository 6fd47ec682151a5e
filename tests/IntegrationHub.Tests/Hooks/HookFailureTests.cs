using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Hooks;

/// <summary>Hooks the provider refused or disabled: their status says so, and reconciliation tries failed ones again after a back-off.</summary>
public sealed class HookFailureTests
{
    [Fact]
    public async Task Reconciliation_registers_a_failed_hook_again_once_its_back_off_has_passed()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("hooks-failed-retry");
        var (id, _) = await world.ConnectAsync(worker, "github", owners: 1, reposPerOwner: 2, "/github", enqueue: false);
        await DiscoverUnwatchedAsync(world, id);

        // Every call refused for good (422): both registrations fail permanently.
        await world.FaultAsync("github", new { serverErrors = 1.0, serverErrorStatus = 422 });
        await WatchAllAsync(world, id);
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'failed'", id) == 2));
        await world.FaultAsync("github", null);

        // Right after the failure the back-off holds: a reconciliation leaves both alone.
        await ReconcileAndWaitAsync(world, id);
        Assert.Equal(2L, await world.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'failed'", id));
        Assert.Empty(await world.SimHooksAsync("github"));

        // Once one hook's back-off has passed, the next reconciliation registers it.
        var repo = await world.ScalarAsync<Guid>("SELECT id FROM repositories WHERE connection_id = $1 ORDER BY full_path LIMIT 1", id);
        await world.ExecAsync("UPDATE hooks SET updated_at = now() - interval '1 hour' WHERE repository_id = $1", repo);
        await ReconcileAndWaitAsync(world, id);
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT status FROM hooks WHERE repository_id = $1", repo) == "registered"));
        Assert.Single(await world.SimHooksAsync("github"));
        Assert.Equal(1L, await world.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'failed'", id));
    }

    [Fact]
    public async Task A_hook_the_provider_disabled_is_marked_disabled_when_re_enabling_it_fails()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("hooks-disabled");
        var (id, _) = await world.ConnectAsync(worker, "gitlab", owners: 1, reposPerOwner: 1, "/gitlab");
        Assert.True(await world.HooksSettledAsync(id, 1));
        string path = await world.ScalarAsync<string>("SELECT full_path FROM repositories WHERE connection_id = $1", id);

        await world.FailGitLabDeliveriesUntilDisabledAsync(path);

        // Every second call refused for good: the reconciliation's look at the hook succeeds, re-enabling it does not.
        await world.FaultAsync("gitlab", new { serverErrors = 0.5, serverErrorStatus = 422 });
        await ReconcileAndWaitAsync(world, id);

        Assert.Equal("disabled", await world.ScalarAsync<string>("SELECT status FROM hooks WHERE connection_id = $1", id));
        Assert.Contains("422", await world.ScalarAsync<string>("SELECT last_error FROM hooks WHERE connection_id = $1", id));
    }

    [Fact]
    public async Task A_registration_that_cannot_decrypt_its_token_ends_with_a_failed_hook_and_the_reason()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("hooks-garbage", new() { ["Hub:Jobs:MaxAttempts"] = "2" });
        var (id, _) = await world.ConnectAsync(worker, "github", owners: 1, reposPerOwner: 1, "/github", enqueue: false);
        await DiscoverUnwatchedAsync(world, id);
        await world.ExecAsync("UPDATE connections SET access_token_protected = 'not-a-protected-token' WHERE id = $1", id);
        long before = world.Calls.Total;
        await WatchAllAsync(world, id);

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<long>("SELECT count(*) FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'register_hook' AND status = 'failed'", id) == 1),
            "the hook job did not fail once: " + await world.ScalarAsync<string>("SELECT coalesce(string_agg(kind || ':' || status || ':' || attempts || ':' || coalesce(last_error, ''), '; '), 'no jobs') FROM " + JobRows.Table));
        Assert.Equal("failed", await world.ScalarAsync<string>("SELECT status FROM hooks WHERE connection_id = $1", id));
        Assert.StartsWith("Registration stopped:", await world.ScalarAsync<string>("SELECT last_error FROM hooks WHERE connection_id = $1", id), StringComparison.Ordinal);
        Assert.Equal(before, world.Calls.Total);
    }

    /// <summary>Discovery with watch mode "selected": every repository is found and none is watched, so no hook is made yet.</summary>
    internal static async Task DiscoverUnwatchedAsync(HubWorld world, Guid connectionId)
    {
        await world.ExecAsync("UPDATE connections SET watch_mode = 'selected' WHERE id = $1", connectionId);
        await TestJobs.For(world.ConnectionString).DiscoverAsync(connectionId, CancellationToken.None);
        // The job, not only the card: the card says done before the run plans its hooks, and a plan made after the test
        // watched the repositories would queue a batch beside the one the test queues.
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT discovery_status FROM connections WHERE id = $1", connectionId) == "done"
            && await world.CountAsync("SELECT count(*) FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover' AND status <> 'done'", connectionId) == 0),
            "discovery did not finish");
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1", connectionId));
    }

    /// <summary>Watches every repository and queues the hook work that implies, as the Repositories page's watch mode would.</summary>
    internal static async Task WatchAllAsync(HubWorld world, Guid connectionId)
    {
        await world.ExecAsync("UPDATE repositories SET watched = true WHERE connection_id = $1", connectionId);
        await TestJobs.For(world.ConnectionString).SyncHooksAsync(connectionId, CancellationToken.None);
    }

    private static async Task ReconcileAndWaitAsync(HubWorld world, Guid connectionId)
    {
        await HookLifecycleTests.Reconcile(world, connectionId);
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<long>("SELECT count(*) FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind IN ('reconcile_hooks', 'register_hook') AND status IN ('pending', 'running')", connectionId) == 0),
            "the reconciliation did not finish");
    }
}
