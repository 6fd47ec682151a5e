using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Hooks;

/// <summary>A provider's rate limit holds for the whole token: queued hook work waits for it as one, without calling.</summary>
public sealed class HookRateLimitTests
{
    [Fact]
    public async Task A_secondary_rate_limit_pauses_the_connection_and_queued_registrations_wait_without_calling()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("hooks-pause", new() { ["Hub:Discover:BatchSize"] = "32", ["Hub:Jobs:HookWorkers"] = "4" });
        var (id, _) = await world.ConnectAsync(worker, "github", owners: 1, reposPerOwner: 100, "/github", enqueue: false);
        await HookFailureTests.DiscoverUnwatchedAsync(world, id);

        // GitHub's secondary limit: 403 with Retry-After for every call, until the fault is lifted.
        await world.FaultAsync("github", new { rateLimit = "secondary", rateLimitStatus = 403, retryAfterSeconds = 15 });
        long before = world.Calls.Total;
        await HookFailureTests.WatchAllAsync(world, id);
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<bool>("SELECT rate_limited_until IS NOT NULL FROM connections WHERE id = $1", id)), "the pause was not recorded");
        await world.FaultAsync("github", null);
        long duringLimit = world.Calls.Total - before;

        // Only the registrations already calling when the first 403 came back (four at once per job firing, and firings
        // may overlap on a slow machine) were refused; the others waited for the reset without a call (unpaused, every
        // one of the 100 would have called), and then every hook was registered once.
        Assert.InRange(duringLimit, 1, 12);
        Assert.True(await world.HooksSettledAsync(id, 100, seconds: 120), "hooks were not registered after the reset");
        Assert.Equal(100, (await world.SimHooksAsync("github")).Count);
        // Batches postponed by the pause may still be scheduled when the last hook lands; each runs at the pause's end,
        // finds its repositories done, and ends: wait for that rather than catch them mid-way. None may fail.
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<long>("SELECT count(*) FROM " + JobRows.Table + " WHERE kind = 'register_hook' AND status <> 'done'") == 0),
            "a hook batch job was left undone");
    }
}
