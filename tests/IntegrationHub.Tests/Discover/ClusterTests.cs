using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Discover;

/// <summary>Several worker nodes (Hangfire servers on one storage) share discovery and hook work, and survive one stopping.</summary>
public sealed class ClusterTests
{
    [Fact]
    public async Task Two_workers_share_a_large_discovery_without_doing_any_repository_twice()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var a = await world.StartWorkerAsync("node-a");
        await world.StartWorkerAsync("node-b");
        var (id, _) = await world.ConnectAsync(a, "github", owners: 6, reposPerOwner: 100, "/github");

        Assert.True(await world.HooksSettledAsync(id, 600, seconds: 240), "600 repositories were not hooked");

        var hooks = await world.SimHooksAsync("github");
        Assert.Equal(600, hooks.Count);
        Assert.Equal(600, hooks.Select(h => (string)h!["repo"]!).Distinct().Count());
        Assert.Equal(600, world.Calls.ByRoute.Where(kv => kv.Key.StartsWith("POST ", StringComparison.Ordinal) && kv.Key.EndsWith("/hooks", StringComparison.Ordinal)).Sum(kv => kv.Value));
        Assert.Equal(600L, await world.ScalarAsync<long>("SELECT count(DISTINCT repository_id) FROM hooks WHERE connection_id = $1", id));
        Assert.Equal(2L, await world.ScalarAsync<long>("SELECT count(DISTINCT leased_by) FROM " + JobRows.Table + " WHERE kind = 'register_hook'"));
    }

    [Fact]
    public async Task Killing_a_worker_mid_discovery_loses_nothing()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        await world.FaultAsync("github", new { latencyMs = 400 });
        var first = await world.StartWorkerAsync("node-dies");
        var (id, _) = await world.ConnectAsync(first, "github", owners: 10, reposPerOwner: 100, "/github");
        Assert.True(await HubWorld.EventuallyAsync(async () => await world.ScalarAsync<int>("SELECT discovery_pages FROM connections WHERE id = $1", id) >= 2));

        await world.StopWorkerAsync(first);
        int pagesAtStop = await world.ScalarAsync<int>("SELECT discovery_pages FROM connections WHERE id = $1", id);
        Assert.InRange(pagesAtStop, 2, 9);
        Assert.Equal("running", await world.ScalarAsync<string>("SELECT status FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover'", id));
        // A stopped node hands its running job back to the queue at once (a killed one after the invisibility timeout:
        // ScaleOut's two-process tests); its Processing state stays until another node takes the job.
        await world.FaultAsync("github", null);
        await world.StartWorkerAsync("node-takes-over");

        Assert.True(await world.HooksSettledAsync(id, 1000, seconds: 240), "the second node did not finish the discovery");
        Assert.Equal(1000, await world.ScalarAsync<int>("SELECT discovered_count FROM connections WHERE id = $1", id));
        Assert.Equal(1000L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1 AND status = 'active'", id));
        // Resumed from the stored cursor: at most the interrupted page is read twice.
        Assert.InRange(world.Calls.ByRoute.GetValueOrDefault("GET /github/api/v3/user/repos"), 10, 11);
        var hooks = await world.SimHooksAsync("github");
        Assert.Equal(1000, hooks.Select(h => (string)h!["repo"]!).Distinct().Count());
        Assert.Equal(1000, hooks.Count);
    }
}
