using IntegrationHub.Api;
using IntegrationHub.Tests.Ingest;
using IntegrationHub.Tests.World;
using Npgsql;

namespace IntegrationHub.Tests.Feed;

/// <summary>A consumer's stored cursor stays good when the hub restarts between its reads, while events keep coming.</summary>
public sealed class EventsApiRestartTests
{
    [Fact]
    public async Task A_stored_cursor_continues_after_a_hub_restart_without_gap_or_repeat_while_writers_keep_writing()
    {
        await using var world = await HubWorld.StartAsync();
        var read = new List<long>();
        string key;
        string next;
        TestHook repo;
        using var stop = new CancellationTokenSource();
        Task<List<long>>[] writers;
        await using (var first = world.Hub) // the world's web host, stopped at the end of this block as a restart stops it
        {
            repo = await world.SignedHookAsync(await world.TenantAsync("Restart"), "github", "secret");
            key = await ApiKeys.CreateAsync(first.Services, repo.TenantId, "follower", ApiScopes.EventsRead);
            // Two writers, each committing one event at a time, keep running across the restart below.
            writers = [WriteUntilAsync(world.Db, repo, stop.Token), WriteUntilAsync(world.Db, repo, stop.Token)];
            (var ids, next) = await ApiPage.FollowAsync(ApiKeys.Client(first, key), "", expected: 5, limit: 3);
            read.AddRange(ids);
        }

        int beforeRestart = read.Count;
        await using (var second = new HubFactory(world.ConnectionString))
        {
            var client = ApiKeys.Client(second, key);
            (var ids, next) = await ApiPage.FollowAsync(client, next, expected: 5, limit: 3);
            read.AddRange(ids);
            await stop.CancelAsync();
            var written = (await Task.WhenAll(writers)).SelectMany(w => w).ToList();

            (ids, next) = await ApiPage.FollowAsync(client, next, expected: written.Count - read.Count, limit: 50);
            read.AddRange(ids);
            var after = await ApiPage.GetAsync(client, $"?wait=1&after={Uri.EscapeDataString(next)}");
            Assert.Empty(after.Data);

            Assert.InRange(beforeRestart, 5, written.Count - 5); // read on both sides of the restart
            Assert.Equal(written.Order(), read.Order()); // every committed event exactly once: no gap, no repeat
            Assert.Equal(read.Count, read.Distinct().Count());
        }
    }

    /// <summary>Commits events one by one until stopped (and at least a few); returns the ids committed.</summary>
    private static async Task<List<long>> WriteUntilAsync(NpgsqlDataSource db, TestHook repo, CancellationToken stop)
    {
        await Task.Yield();
        var ids = new List<long>();
        while (!stop.IsCancellationRequested || ids.Count < 3)
        {
            ids.Add(await FeedEvents.StoreAsync(db, repo, FeedEvents.New()));
            await Task.Delay(20, CancellationToken.None);
        }

        return ids;
    }
}
