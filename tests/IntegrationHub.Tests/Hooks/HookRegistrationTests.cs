using System.Globalization;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Hooks;

/// <summary>Per-repository hooks: one each, own secret, idempotent registration.</summary>
public sealed class HookRegistrationTests
{
    [Fact]
    public async Task Hooks_are_registered_once_per_repository_with_distinct_secrets()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("hooks-once");
        var (id, _) = await world.ConnectAsync(worker, "github", owners: 2, reposPerOwner: 15, "/github");
        Assert.True(await world.HooksSettledAsync(id, 30));

        var protector = world.Protector(worker);
        var rows = new List<(Guid Id, string Url, string Secret)>();
        await using (var cmd = world.Db.CreateCommand("SELECT id, url, secret_protected FROM hooks WHERE connection_id = $1"))
        {
            cmd.Parameters.Add(new() { Value = id });
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                rows.Add((r.GetGuid(0), r.GetString(1), protector.Unprotect(r.GetString(2))));
            }
        }

        Assert.Equal(30, rows.Select(r => r.Secret).Distinct().Count());
        Assert.All(rows, r => Assert.True(Convert.FromBase64String(Pad(r.Secret)).Length >= 32));
        Assert.All(rows, r => Assert.Equal($"http://127.0.0.1:9/hooks/github/{r.Id:D}", r.Url));
        var atSim = await world.SimHooksAsync("github");
        Assert.Equal(30, atSim.Count);
        Assert.All(atSim, h => Assert.True((bool)h!["hasSecret"]!));
        Assert.Equal(rows.Select(r => r.Url).Order(), atSim.Select(h => (string)h!["url"]!).Order());

        // Everything again: refresh, a full sync, a repeated item. Nothing new at the provider.
        long posts = PostHookCalls(world);
        await TestJobs.For(world.ConnectionString).DiscoverAsync(id, CancellationToken.None);
        await world.HookBatchesAsync(worker, id);
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<long>("SELECT count(*) FROM " + JobRows.Table + " WHERE status IN ('pending', 'running')") == 0));
        Assert.Equal(30, (await world.SimHooksAsync("github")).Count);
        Assert.Equal(posts, PostHookCalls(world));
    }

    [Fact]
    public async Task Registration_after_an_interrupted_attempt_updates_our_existing_hook_instead_of_adding_one()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("hooks-adopt");
        var (id, _) = await world.ConnectAsync(worker, "github", owners: 1, reposPerOwner: 2, "/github");
        Assert.True(await world.HooksSettledAsync(id, 2));
        var repo = await world.ScalarAsync<Guid>("SELECT repository_id FROM hooks WHERE connection_id = $1 ORDER BY url LIMIT 1", id);
        string providerId = await world.ScalarAsync<string>("SELECT provider_hook_id FROM hooks WHERE repository_id = $1", repo);

        // As if a node created the hook at the provider and died before storing its id.
        await world.ExecAsync("UPDATE hooks SET provider_hook_id = NULL, status = 'pending', register_attempts = 1 WHERE repository_id = $1", repo);
        await world.HookBatchesAsync(worker, id, repo);

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT status FROM hooks WHERE repository_id = $1", repo) == "registered"));
        Assert.Equal(providerId, await world.ScalarAsync<string>("SELECT provider_hook_id FROM hooks WHERE repository_id = $1", repo));
        Assert.Equal(2, (await world.SimHooksAsync("github")).Count);
    }

    [Fact]
    public async Task Unwatching_a_repository_removes_its_hook_at_the_provider()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("hooks-unwatch");
        var (id, _) = await world.ConnectAsync(worker, "gitlab", owners: 1, reposPerOwner: 3, "/gitlab");
        Assert.True(await world.HooksSettledAsync(id, 3));
        var repo = await world.ScalarAsync<Guid>("SELECT id FROM repositories WHERE connection_id = $1 ORDER BY full_path LIMIT 1", id);

        await world.ExecAsync("UPDATE repositories SET watched = false WHERE id = $1", repo);
        await world.HookBatchesAsync(worker, id, repo);

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT status FROM hooks WHERE repository_id = $1", repo) == "removed"));
        Assert.Equal(2, (await world.SimHooksAsync("gitlab")).Count);
    }

    private static long PostHookCalls(HubWorld world) =>
        world.Calls.ByRoute.Where(kv => kv.Key.StartsWith("POST ", StringComparison.Ordinal) && kv.Key.EndsWith("/hooks", StringComparison.Ordinal)).Sum(kv => kv.Value);

    private static string Pad(string urlSafe)
    {
        string b64 = urlSafe.Replace('-', '+').Replace('_', '/');
        return b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
    }

    internal static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}
