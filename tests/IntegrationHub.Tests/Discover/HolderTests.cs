using IntegrationHub.Discovery;
using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Tests.Infrastructure;
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
    public async Task A_superseded_discovery_that_ends_late_does_not_end_the_run_of_the_node_holding_the_job()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var hold = new OutcomeHold();
        var a = await world.StartWorkerAsync("late-a", services: s =>
        {
            s.AddScoped<Discoverer>();
            s.AddScoped<IDiscoverConnectionJob>(sp => new HeldDiscoverer(sp.GetRequiredService<Discoverer>(), hold));
        });
        var (id, _) = await world.ConnectAsync(a, "github", owners: 1, reposPerOwner: 50, "/github");
        await hold.Entered.WaitAsync(Limit); // the first node walked everything; it stalls before Hangfire records its outcome
        Assert.True(await world.HooksSettledAsync(id, 50));
        var firstRunEnded = await world.ScalarAsync<DateTime>("SELECT discovery_finished_at FROM connections WHERE id = $1", id);
        long job = await world.ScalarAsync<long>("SELECT id FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover'", id);

        // The second node takes the job over and starts its own run; its first page is held on the wire.
        var gate = ProviderCallGate.Nth(HttpMethod.Get, "/user/repos", 1);
        await world.StartWorkerAsync("late-b", ShortInvisibility, gate.AddTo);
        await gate.Entered.WaitAsync(Limit);
        Assert.Equal("running", await world.ScalarAsync<string>("SELECT discovery_status FROM connections WHERE id = $1", id));

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
        gate.Release();

        // The second node still holds the job, finishes its run, and its outcome ends the job.
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT discovery_status FROM connections WHERE id = $1", id) == "done", seconds: 60),
            "the second node's run was cut off by the first node's late outcome");
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT status FROM " + JobRows.Table + " WHERE id = $1", job) == "done"));
        Assert.True(await world.ScalarAsync<DateTime>("SELECT discovery_started_at FROM connections WHERE id = $1", id) > firstRunEnded);
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

    private static Task<string> CardAsync(HubWorld world, Guid id) => world.ScalarAsync<string>(
        "SELECT discovery_status || '|' || discovery_pages || '|' || discovered_count FROM connections WHERE id = $1", id);
}
