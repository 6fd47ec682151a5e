using IntegrationHub.Api;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Tests.Ingest;

namespace IntegrationHub.Tests.Feed;

/// <summary>A consumer's stored cursor stays good when the hub restarts between its reads.</summary>
public sealed class EventsApiRestartTests
{
    [Fact]
    public async Task A_stored_cursor_continues_after_a_hub_restart_without_gap_or_repeat()
    {
        string db = await TestPostgres.CreateDatabaseAsync();
        var written = new List<long>();
        var read = new List<long>();
        string next;
        string key;
        int beforeRestart;
        TestHook repo;
        await using (var first = new HubFactory(db))
        {
            var world = new IngestWorld(first);
            await using var _ = world.Db;
            repo = await world.HookAsync(await world.TenantAsync("Restart"), "github", "secret");
            key = await ApiKeys.CreateAsync(first.Services, repo.TenantId, "follower", ApiScopes.EventsRead);
            for (int i = 0; i < 5; i++)
            {
                written.Add(await FeedEvents.StoreAsync(world.Db, repo, FeedEvents.New()));
            }

            (var ids, next) = await ApiPage.FollowAsync(ApiKeys.Client(first, key), "", expected: 3, limit: 3);
            read.AddRange(ids);
            beforeRestart = read.Count;
            for (int i = 0; i < 3; i++)
            {
                written.Add(await FeedEvents.StoreAsync(world.Db, repo, FeedEvents.New()));
            }
        }

        await using (var second = new HubFactory(db))
        {
            var world = new IngestWorld(second);
            await using var _ = world.Db;
            for (int i = 0; i < 2; i++)
            {
                written.Add(await FeedEvents.StoreAsync(world.Db, repo, FeedEvents.New()));
            }

            var (ids, last) = await ApiPage.FollowAsync(ApiKeys.Client(second, key), next, expected: written.Count - read.Count);
            read.AddRange(ids);
            var after = await ApiPage.GetAsync(ApiKeys.Client(second, key), $"?wait=1&after={Uri.EscapeDataString(last)}");
            Assert.Empty(after.Data);
        }

        Assert.InRange(beforeRestart, 3, 5); // some before the restart (the first hub's pages may hold up to five), the rest after
        Assert.Equal(written, read);
    }
}
