using System.Text.Json.Nodes;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Hooks;

/// <summary>
/// Hook creation paced under GitHub's content-creation limit (80 a minute, 500 an hour per token), counted across
/// worker nodes, with the simulator enforcing it; a limit answer postpones the rest instead of failing it.
/// </summary>
public sealed class HookPaceTests
{
    [Fact]
    public async Task Pace_keeps_two_worker_nodes_under_GitHubs_creation_limit_and_registers_all_200_hooks_without_a_limit_answer()
    {
        await using var world = await HubWorld.StartAsync(Enforcing());
        var settings = new Dictionary<string, string?> { ["Hub:Discover:BatchSize"] = "32", ["Hub:Jobs:HookWorkers"] = "4", ["Hub:Hooks:PaceCreations"] = "true" };
        var a = await world.StartWorkerAsync("pace-a", settings);
        await world.StartWorkerAsync("pace-b", settings);
        var started = DateTimeOffset.UtcNow;
        var (id, _) = await world.ConnectAsync(a, "github", owners: 2, reposPerOwner: 100, "/github");

        Assert.True(await world.HooksSettledAsync(id, 200, seconds: 300), "not every hook was registered: "
            + await world.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'registered'", id));

        var created = (await world.SimHooksAsync("github")).Select(h => (DateTimeOffset)h!["createdAt"]!).Order().ToList();
        Assert.Equal(200, created.Count);
        Assert.InRange(MostInAnyMinute(created), 1, 80);
        // 200 hooks at 75 a minute cannot all be made within two minutes of the first: the pace held them back.
        Assert.True(created[^1] - created[0] > TimeSpan.FromMinutes(1), $"created within {created[^1] - created[0]}");
        Assert.True(DateTimeOffset.UtcNow - started > TimeSpan.FromMinutes(1));
        Assert.Null((await world.SimGetAsync("/_sim/state"))["limitAnswers"]?["github"]);
        // Waiting was no attempt: each hook was created by its first and only attempt, and none failed.
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1 AND (register_attempts <> 1 OR status <> 'registered')", id));
        Assert.Equal(200L, await world.ScalarAsync<long>("SELECT count(*) FROM hook_creations WHERE connection_id = $1", id));
    }

    [Fact]
    public async Task Pace_a_content_creation_limit_answer_postpones_the_rest_until_Retry_After_instead_of_failing_them()
    {
        // The simulator's clock stands one second before a minute's end, so its Retry-After is 1 s and its minute ends
        // only when the test moves it; the hub allows itself far more than GitHub does, so it meets the limit.
        var simClock = new ManualClock(new DateTimeOffset(2026, 12, 6, 1, 0, 59, TimeSpan.Zero));
        await using var world = await HubWorld.StartAsync(Enforcing(simClock));
        var worker = await world.StartWorkerAsync("pace-retry", new()
        {
            ["Hub:Discover:BatchSize"] = "32",
            ["Hub:Hooks:PaceCreations"] = "true",
            ["Hub:Hooks:CreationMarginPerMinute"] = "-920",
            ["Hub:Hooks:CreationMarginPerHour"] = "-500",
        });
        var (id, _) = await world.ConnectAsync(worker, "github", owners: 1, reposPerOwner: 100, "/github");

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'registered'", id) == 80
            && await world.ScalarAsync<bool>("SELECT rate_limited_until IS NOT NULL FROM connections WHERE id = $1", id)),
            "the first 80 hooks and the pause were not recorded");
        var limitAnswers = (await world.SimGetAsync("/_sim/state"))["limitAnswers"]?["github"]?["secondary-content-creation"];
        Assert.True(limitAnswers is not null && (long)limitAnswers >= 1, "the simulator refused no creation");
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'failed'", id));

        simClock.Advance(TimeSpan.FromSeconds(2)); // the simulator's next minute: its limit lets 80 more through
        Assert.True(await world.HooksSettledAsync(id, 100, seconds: 120), "the postponed hooks were not registered after Retry-After");
        Assert.Equal(100, (await world.SimHooksAsync("github")).Count);
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'failed'", id));
    }

    /// <summary>The discovery and hook world, the simulator enforcing GitHub's secondary limits (on <paramref name="simClock"/> when given).</summary>
    private static HubWorldOptions Enforcing(ManualClock? simClock = null)
    {
        var workers = HubWorldOptions.Workers;
        return workers with
        {
            SimulatorOptions = o =>
            {
                workers.SimulatorOptions?.Invoke(o);
                o.EnforceSecondaryLimits = true;
                if (simClock is not null)
                {
                    o.TimeProvider = simClock;
                }
            },
        };
    }

    /// <summary>The most creations in any 60-second window (times in order).</summary>
    private static int MostInAnyMinute(IReadOnlyList<DateTimeOffset> times)
    {
        int most = 0;
        for (int first = 0, last = 0; last < times.Count; last++)
        {
            while (times[last] - times[first] >= TimeSpan.FromMinutes(1))
            {
                first++;
            }

            most = Math.Max(most, last - first + 1);
        }

        return most;
    }
}
