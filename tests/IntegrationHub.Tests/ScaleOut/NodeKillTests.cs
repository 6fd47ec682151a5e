using IntegrationHub.Jobs;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.ScaleOut;

/// <summary>
/// Two worker processes share one Hangfire storage; one is killed with <c>kill -9</c> in the middle of its work. The
/// other finishes it: nothing lost (every repository discovered, every hook registered) and nothing done twice (one hook
/// per repository at the simulator, counted there; no event stored twice).
/// </summary>
public sealed class NodeKillTests
{
    private static readonly Dictionary<string, string?> NoPoll = new() { ["Hub__Poll__Enabled"] = "false" };

    [Fact]
    public async Task A_node_killed_mid_discovery_leaves_the_discovery_to_the_other_node_which_finishes_it()
    {
        await using var w = await ScaleOutNodes.StartAsync(NoPoll);
        await w.World.FaultAsync("github", new { latencyMs = 400 });
        await w.StartNodeAsync("node-a");
        await w.StartNodeAsync("node-b");
        var id = await w.ConnectAndDiscoverAsync(owners: 10, reposPerOwner: 100);
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await w.World.ScalarAsync<int>("SELECT discovery_pages FROM connections WHERE id = $1", id) >= 2), w.Output());
        string? holder = await w.HolderOfAsync<IDiscoverConnectionJob>();
        Assert.True(holder is not null, "no node is performing the discovery\n" + w.Output());

        await w.KillAsync(holder);
        int pagesAtKill = await w.World.ScalarAsync<int>("SELECT discovery_pages FROM connections WHERE id = $1", id);
        await w.World.FaultAsync("github", null);

        Assert.InRange(pagesAtKill, 2, 9);
        Assert.True(await w.World.HooksSettledAsync(id, 1000, seconds: 240), "the surviving node did not finish the discovery\n" + w.Output());
        Assert.Equal(1000, await w.World.ScalarAsync<int>("SELECT discovered_count FROM connections WHERE id = $1", id));
        Assert.Equal(1000L, await w.World.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1 AND status = 'active'", id));
        var hooks = await w.World.SimHooksAsync("github");
        Assert.Equal(1000, hooks.Count);
        Assert.Equal(1000, hooks.Select(h => (string)h!["repo"]!).Distinct().Count());
    }

    [Fact]
    public async Task A_node_killed_mid_hook_registration_leaves_its_batch_to_the_other_node_without_a_second_hook()
    {
        await using var w = await ScaleOutNodes.StartAsync(new(NoPoll) { ["Hub__Discover__BatchSize"] = "10" });
        await w.StartNodeAsync("node-a");
        await w.StartNodeAsync("node-b");
        // Slow hook calls (each registration lists the repository's hooks, then creates one): batches of 10 take seconds.
        await w.World.FaultAsync("github", new { latencyMs = 150 });
        var id = await w.ConnectAndDiscoverAsync(owners: 4, reposPerOwner: 50);
        string? holder = null;
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await w.World.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'registered'", id) >= 10
            && (holder = await w.HolderOfAsync<IHookBatchJob>()) is not null, seconds: 180), "no hook batch under way\n" + w.Output());

        await w.KillAsync(holder!);
        long registeredAtKill = await w.World.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'registered'", id);
        await w.World.FaultAsync("github", null);

        Assert.InRange(registeredAtKill, 10, 199);
        Assert.True(await w.World.HooksSettledAsync(id, 200, seconds: 240), "the surviving node did not finish the hooks\n" + w.Output());
        var hooks = await w.World.SimHooksAsync("github");
        Assert.Equal(200, hooks.Count);
        Assert.Equal(200, hooks.Select(h => (string)h!["repo"]!).Distinct().Count());
        Assert.Equal(200L, await w.World.ScalarAsync<long>("SELECT count(DISTINCT provider_hook_id) FROM hooks WHERE connection_id = $1", id));
    }
}
