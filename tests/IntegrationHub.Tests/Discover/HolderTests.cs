using IntegrationHub.Discovery;
using IntegrationHub.HookRegistration;
using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Discover;

/// <summary>
/// Only the holder writes, when Hangfire hands a running discovery to a second node: the first node is slow, not dead.
/// The second node is given a shorter invisibility timeout (3 s) than the first renews its queue row at (every 30/5 s),
/// so it sees the first's row as abandoned while the first still runs the job, as any node would once the first's
/// keep-alive lapsed. Where the first node is held is chosen exactly (<see cref="ProviderCallGate"/>, <see cref="OutcomeHold"/>).
/// </summary>
public sealed class HolderTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private static readonly Dictionary<string, string?> ShortInvisibility = new() { ["Hub:Jobs:InvisibilitySeconds"] = "3" };

    [Fact]
    public async Task Two_discoveries_of_one_connection_at_once_walk_it_once_and_the_card_shows_one_run()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var gate = ProviderCallGate.Nth(HttpMethod.Get, "/user/repos", 3);
        var a = await world.StartWorkerAsync("race-a", services: gate.AddTo);
        var (id, _) = await world.ConnectAsync(a, "github", owners: 5, reposPerOwner: 100, "/github");
        await gate.Entered.WaitAsync(Limit); // two pages stored, the discovery lock held, the third page's call on the wire
        var startedAt = await world.ScalarAsync<DateTime>("SELECT discovery_started_at FROM connections WHERE id = $1", id);
        Assert.Equal("running|2|200", await CardAsync(world, id));

        var bCalls = new CallCounter();
        await world.StartWorkerAsync("race-b", ShortInvisibility, s =>
            s.AddHttpClient(ConnectionApis.HttpClientName).AddHttpMessageHandler(() => new CallCounter.Handler(bCalls)));

        // The second node took the job over while the first holds the lock: it walks nothing and waits.
        Assert.True(await HubWorld.EventuallyAsync(async () => await world.ScalarAsync<long>(
            "SELECT count(*) FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover' AND leased_by LIKE '%race-b%'"
            + " AND last_error = 'Postponed: another node is discovering this connection'", id) == 1), "the second node did not take the job over and wait");
        Assert.Equal(0, bCalls.Total);
        Assert.Equal("running|2|200", await CardAsync(world, id));
        Assert.Equal(startedAt, await world.ScalarAsync<DateTime>("SELECT discovery_started_at FROM connections WHERE id = $1", id));

        gate.Release();

        Assert.True(await world.HooksSettledAsync(id, 500, seconds: 240), "the discovery did not finish: " + await StandingAsync(world, id));
        // One run: resumed from the stored cursor by whichever node held the job next, or walked to its end by the first
        // node before it noticed the takeover (the retry then finds this job's run done): never restarted, never double counted.
        Assert.Equal(startedAt, await world.ScalarAsync<DateTime>("SELECT discovery_started_at FROM connections WHERE id = $1", id));
        Assert.Equal("done|5|500", await CardAsync(world, id));
        Assert.Equal(500L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1 AND status = 'active'", id));
        Assert.InRange(world.Calls.ByRoute.GetValueOrDefault("GET /github/api/v3/user/repos"), 5, 6); // the held page at most twice
        var hooks = await world.SimHooksAsync("github");
        Assert.Equal(500, hooks.Count);
        Assert.Equal(500, hooks.Select(h => (string)h!["repo"]!).Distinct().Count());
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT status FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover'", id) == "done"));
    }

    [Fact]
    public async Task A_superseded_discovery_that_ends_late_does_not_end_the_run_of_the_node_holding_the_job()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var hold = new OutcomeHold();
        var a = await world.StartWorkerAsync("late-a", services: s => HeldBy(s, hold, before: false));
        var (id, _) = await world.ConnectAsync(a, "github", owners: 1, reposPerOwner: 50, "/github");
        await hold.Entered.WaitAsync(Limit); // the first node walked everything; it stalls before Hangfire records its outcome
        Assert.True(await world.HooksSettledAsync(id, 50));
        var runStarted = await world.ScalarAsync<DateTime>("SELECT discovery_started_at FROM connections WHERE id = $1", id);
        long job = await world.ScalarAsync<long>("SELECT id FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover'", id);

        // The second node takes the job over; it is held as it begins, holding the job.
        var entry = new OutcomeHold();
        await world.StartWorkerAsync("late-b", ShortInvisibility, s => HeldBy(s, entry, before: true));
        await entry.Entered.WaitAsync(Limit);

        // The first node wakes up and finishes: Hangfire would record its Succeeded over the second node's Processing.
        hold.Release();
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<long>("SELECT count(*) FROM hangfire.state WHERE jobid = $1 AND name = 'Succeeded'", job) >= 1),
            "the first node's late outcome never reached Hangfire");
        // Hangfire alone makes it the job's state (it checks that the state is named Processing, not whose it is).
        Assert.Equal("Processing|late-b", await world.ScalarAsync<string>("""
            SELECT j.statename || '|' || coalesce(split_part(s.data ->> 'ServerId', ':', 1), '')
            FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid WHERE j.id = $1
            """, job));
        entry.Release();

        // The second node still holds the job; it finds this job's run done (no second walk), and its outcome ends the job.
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT status FROM " + JobRows.Table + " WHERE id = $1", job) == "done"),
            "the second node's performing was cut off by the first node's late outcome");
        Assert.Equal("done", await world.ScalarAsync<string>("SELECT discovery_status FROM connections WHERE id = $1", id));
        Assert.Equal(runStarted, await world.ScalarAsync<DateTime>("SELECT discovery_started_at FROM connections WHERE id = $1", id));
        Assert.Equal(1, world.Calls.ByRoute.GetValueOrDefault("GET /github/api/v3/user/repos"));
        Assert.Equal(50, await world.ScalarAsync<int>("SELECT discovered_count FROM connections WHERE id = $1", id));
        Assert.Equal(50L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1 AND status = 'active'", id));
        Assert.Equal(1L, await world.ScalarAsync<long>("""
            SELECT count(*) FROM hangfire.state WHERE jobid = $1 AND name = 'Processing' AND reason LIKE '%ended late (Succeeded)%'
                AND data ->> 'ServerId' LIKE 'late-b:%'
            """, job));
        var hooks = await world.SimHooksAsync("github");
        Assert.Equal(50, hooks.Count);
        Assert.Equal(50, hooks.Select(h => (string)h!["repo"]!).Distinct().Count());
    }

    [Fact]
    public async Task A_run_that_ends_as_its_job_is_taken_over_still_plans_its_hooks()
    {
        // The first node has walked every page and marked the run done; before it plans the hooks, another node takes
        // the job over and Hangfire cancels the first node's token. The second node finds this job's run done and plans
        // nothing, so the first must plan anyway, or no hook is registered until the next reconciliation.
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var hold = new OutcomeHold();
        var job = new TokenWitnessDiscoverer.Witness();
        var a = await world.StartWorkerAsync("plan-a", services: s =>
        {
            s.AddSingleton<IHookPlanning>(sp => new HeldPlanning(sp.GetRequiredService<HookPlanner>(), hold));
            s.AddScoped<Discoverer>();
            s.AddScoped<IDiscoverConnectionJob>(sp => new TokenWitnessDiscoverer(sp.GetRequiredService<Discoverer>(), job));
        });
        var (id, _) = await world.ConnectAsync(a, "github", owners: 1, reposPerOwner: 20, "/github");
        await hold.Entered.WaitAsync(Limit);
        Assert.Equal("done", await world.ScalarAsync<string>("SELECT discovery_status FROM connections WHERE id = $1", id));
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1", id));

        await world.StartWorkerAsync("plan-b", ShortInvisibility);
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(job.Token.IsCancellationRequested)),
            "the second node did not take the job over (the first node's token was never cancelled)");
        hold.Release();

        Assert.True(await world.HooksSettledAsync(id, 20, seconds: 120), "the hooks were not planned: " + await StandingAsync(world, id));
        Assert.Equal(20, (await world.SimHooksAsync("github")).Count);
        Assert.Equal(1, world.Calls.ByRoute.GetValueOrDefault("GET /github/api/v3/user/repos")); // one walk, not two
    }

    private static void HeldBy(IServiceCollection services, OutcomeHold hold, bool before)
    {
        services.AddScoped<Discoverer>();
        services.AddScoped<IDiscoverConnectionJob>(sp => new HeldDiscoverer(sp.GetRequiredService<Discoverer>(), hold, before));
    }

    /// <summary>Where the connection, its hooks and the jobs stand, for a failure's message.</summary>
    private static Task<string> StandingAsync(HubWorld world, Guid id) => world.ScalarAsync<string>(
        "SELECT (SELECT discovery_status || '|' || discovery_pages || '|' || discovered_count || '|' || coalesce(discovery_error, '') FROM connections WHERE id = $1)"
        + " || ' hooks ' || (SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'registered')"
        + " || ' jobs ' || (SELECT string_agg(kind || ':' || status || ':' || attempts || ':' || coalesce(last_error, ''), '; ') FROM " + JobRows.Table + ")", id);

    private static Task<string> CardAsync(HubWorld world, Guid id) => world.ScalarAsync<string>(
        "SELECT discovery_status || '|' || discovery_pages || '|' || discovered_count FROM connections WHERE id = $1", id);
}
