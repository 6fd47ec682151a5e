using IntegrationHub.Events;
using IntegrationHub.Tests.Ingest;
using IntegrationHub.Tests.World;
using Npgsql;

namespace IntegrationHub.Tests.Feed;

/// <summary>The feed's order against concurrent writers: commit order differs from id order, yet nothing is missed or repeated.</summary>
public sealed class FeedOrderTests(HubWorldFixture fx) : IClassFixture<HubWorldFixture>
{
    private HubWorld World => fx.World;

    [Fact]
    public async Task A_cursor_never_passes_an_event_whose_transaction_commits_after_a_later_id()
    {
        var repo = await RepoAsync();
        await using var c1 = await World.Db.OpenConnectionAsync();
        await using var t1 = await c1.BeginTransactionAsync();
        long a = await FeedEvents.InsertAsync(c1, t1, repo, FeedEvents.New());
        long b = await FeedEvents.StoreAsync(World.Db, repo, FeedEvents.New()); // a later id, committed first

        // While A's transaction is open, B (committed, visible) is not returned: returning it would move the cursor past A.
        var whileOpen = await FeedEvents.ReadAsync(World.Db, repo.TenantId, EventCursor.Start);
        await t1.CommitAsync();
        var (read, next) = await FeedEvents.FollowAsync(World.Db, repo.TenantId, whileOpen.Next, expected: 2);
        var again = await FeedEvents.ReadAsync(World.Db, repo.TenantId, next);

        Assert.True(a < b);
        Assert.Empty(whileOpen.Events);
        Assert.Equal(EventCursor.Start, whileOpen.Next);
        Assert.Equal([a, b], read.Select(e => e.Id));
        Assert.Empty(again.Events);
        Assert.Equal(next, again.Next);
    }

    [Fact]
    public async Task Rolled_back_inserts_never_appear_and_do_not_hold_the_feed_back()
    {
        var repo = await RepoAsync();
        await using (var c1 = await World.Db.OpenConnectionAsync())
        {
            await using var t1 = await c1.BeginTransactionAsync();
            await FeedEvents.InsertAsync(c1, t1, repo, FeedEvents.New());
            await t1.RollbackAsync();
        }

        long kept = await FeedEvents.StoreAsync(World.Db, repo, FeedEvents.New());
        var (read, next) = await FeedEvents.FollowAsync(World.Db, repo.TenantId, EventCursor.Start, expected: 1);
        long later = await FeedEvents.StoreAsync(World.Db, repo, FeedEvents.New());
        var (more, _) = await FeedEvents.FollowAsync(World.Db, repo.TenantId, next, expected: 1);

        Assert.Equal([kept], read.Select(e => e.Id));
        Assert.Equal([later], more.Select(e => e.Id));
        Assert.Equal(2, await World.CountAsync("SELECT count(*) FROM events WHERE tenant_id = $1", repo.TenantId));
    }

    [Fact]
    public async Task Concurrent_writers_committing_in_random_order_are_each_read_exactly_once()
    {
        var repo = await RepoAsync();
        var other = await World.SignedHookAsync(repo.TenantId, "gitlab", "s2", repositoryPath: "acme/other");
        using var done = new CancellationTokenSource();
        var read = new List<FeedEvent>();
        var reader = Task.Run(async () =>
        {
            var cursor = EventCursor.Start;
            while (!done.IsCancellationRequested)
            {
                var page = await FeedEvents.ReadAsync(World.Db, repo.TenantId, cursor, Random.Shared.Next(1, 40));
                read.AddRange(page.Events);
                cursor = page.Next;
                await Task.Delay(Random.Shared.Next(0, 15));
            }

            return cursor;
        });

        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < 25; i++)
            {
                await using var conn = await World.Db.OpenConnectionAsync();
                await using var tx = await conn.BeginTransactionAsync();
                for (int n = Random.Shared.Next(1, 4); n > 0; n--)
                {
                    await FeedEvents.InsertAsync(conn, tx, (w + n) % 2 == 0 ? repo : other, FeedEvents.New());
                    await Task.Delay(Random.Shared.Next(0, 10));
                }

                // Every tenth transaction gives up: its ids are taken but its rows never exist.
                if (Random.Shared.Next(10) == 0)
                {
                    await tx.RollbackAsync();
                }
                else
                {
                    await tx.CommitAsync();
                }
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await done.CancelAsync();
        var cursor = await reader;
        var committed = await IdsAsync(repo.TenantId);
        var (rest, _) = await FeedEvents.FollowAsync(World.Db, repo.TenantId, cursor, committed.Count - read.Count);
        read.AddRange(rest);

        var ids = read.Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(committed.Order(), ids.Order());
        Assert.Equal(read.Select(e => e.Cursor).Order(), read.Select(e => e.Cursor)); // cursors only move forward
    }

    private async Task<TestHook> RepoAsync() =>
        await World.SignedHookAsync(await World.TenantAsync("Feed " + Guid.NewGuid().ToString("n")[..6]), "github", "secret");

    private async Task<List<long>> IdsAsync(Guid tenantId)
    {
        var ids = new List<long>();
        await using var cmd = World.Db.CreateCommand("SELECT id FROM events WHERE tenant_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            ids.Add(r.GetInt64(0));
        }

        return ids;
    }
}
