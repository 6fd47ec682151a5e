using IntegrationHub.ProviderAccess;
using IntegrationHub.Tests.Discover;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Hooks;

/// <summary>
/// Only the holder writes, for hook batches: Hangfire hands a running batch to a second node (its invisibility timeout,
/// 3 s, is shorter than the first node's renewal, every 30/5 s) while the first is held on one repository's hook call.
/// </summary>
public sealed class HookHolderTests
{
    [Fact]
    public async Task Two_runs_of_one_hook_batch_at_once_leave_exactly_one_hook_per_repository()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var gate = ProviderCallGate.Nth(HttpMethod.Post, "/hooks", 5);
        var a = await world.StartWorkerAsync("batch-a", services: gate.AddTo);
        var (id, _) = await world.ConnectAsync(a, "github", owners: 1, reposPerOwner: 20, "/github"); // one batch of 20
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(90)); // four hooks registered, the fifth one's creation on the wire

        var bCalls = new CallCounter();
        await world.StartWorkerAsync("batch-b", new() { ["Hub:Jobs:InvisibilitySeconds"] = "3" }, s =>
            s.AddHttpClient(ConnectionApis.HttpClientName).AddHttpMessageHandler(() => new CallCounter.Handler(bCalls)));

        // The second node converges the rest of the batch, leaves the repository the first holds, and waits for it.
        Assert.True(await HubWorld.EventuallyAsync(async () => await world.ScalarAsync<long>(
            "SELECT count(*) FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'register_hook' AND leased_by LIKE '%batch-b%'"
            + " AND last_error = 'Postponed: a repository of the batch is busy on another node'", id) == 1), "the second node did not take the batch over");
        Assert.Equal(15, PostHooks(bCalls));
        Assert.Equal(19, (await world.SimHooksAsync("github")).Count);

        // The first node's call goes out late: the hook is created, but that node no longer holds the job and stops.
        gate.Release();

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'registered'", id) == 20
            && await world.ScalarAsync<long>("SELECT count(*) FROM " + JobRows.Table + " WHERE status IN ('pending', 'running')") == 0),
            "the batch did not converge");
        var atSim = await world.SimHooksAsync("github");
        Assert.Equal(20, atSim.Count);
        Assert.Equal(20, atSim.Select(h => (string)h!["repo"]!).Distinct().Count());
        Assert.Equal(20, PostHooks(world.Calls)); // the late one adopted by the next holder, not created again
        Assert.Equal(20L, await world.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1", id));
        Assert.Equal(20L, await world.ScalarAsync<long>("SELECT count(DISTINCT repository_id) FROM hooks WHERE connection_id = $1", id));
        Assert.Equal(20L, await world.ScalarAsync<long>("SELECT count(DISTINCT provider_hook_id) FROM hooks WHERE connection_id = $1", id));
        var urls = new List<string>();
        await using (var cmd = world.Db.CreateCommand("SELECT url FROM hooks WHERE connection_id = $1"))
        {
            cmd.Parameters.Add(new() { Value = id });
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                urls.Add(r.GetString(0));
            }
        }

        Assert.Equal(urls.Order(), atSim.Select(h => (string)h!["url"]!).Order());
        Assert.Equal("done", await world.ScalarAsync<string>("SELECT status FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'register_hook'", id));
    }

    private static long PostHooks(CallCounter calls) =>
        calls.ByRoute.Where(kv => kv.Key.StartsWith("POST ", StringComparison.Ordinal) && kv.Key.EndsWith("/hooks", StringComparison.Ordinal)).Sum(kv => kv.Value);
}
