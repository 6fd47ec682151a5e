using IntegrationHub.Events;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Events;
using Npgsql;

namespace IntegrationHub.Tests.World;

/// <summary>Events written the way ingest writes them (EventStore, in the writer's own transaction), and feed reads.</summary>
internal static class FeedEvents
{
    private static readonly EventStore Store = new(TimeProvider.System);

    public static NormalizedEvent New(EventKind kind = EventKind.Push, params string[] mentions) => new()
    {
        Provider = ProviderKind.GitHub,
        Kind = kind,
        NaturalKey = "test:" + Guid.NewGuid().ToString("n"),
        Repository = new EventRepository("1", "acme/widgets", null),
        OccurredAt = DateTimeOffset.UtcNow,
        Mentions = mentions,
    };

    /// <summary>Inserts one event inside <paramref name="tx"/> and returns its id.</summary>
    public static async Task<long> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, TestHook repo, NormalizedEvent e)
    {
        await Store.StoreAsync(conn, tx, new EventTarget(repo.TenantId, repo.ConnectionId, repo.RepositoryId, repo.Id), [e],
            EventSource.Webhook, null, CancellationToken.None);
        await using var cmd = new NpgsqlCommand("SELECT id FROM events WHERE repository_id = $1 AND natural_key = $2", conn, tx);
        cmd.Parameters.Add(new() { Value = repo.RepositoryId });
        cmd.Parameters.Add(new() { Value = e.NaturalKey });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Inserts and commits one event.</summary>
    public static async Task<long> StoreAsync(NpgsqlDataSource db, TestHook repo, NormalizedEvent e)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        long id = await InsertAsync(conn, tx, repo, e);
        await tx.CommitAsync();
        return id;
    }

    public static async Task<FeedPage> ReadAsync(NpgsqlDataSource db, Guid tenantId, EventCursor after, int limit = 100)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await EventFeed.ReadAsync(conn, tenantId, after, EventFilter.None, limit, CancellationToken.None);
    }

    /// <summary>
    /// Follows the feed from <paramref name="after"/> until <paramref name="expected"/> events have been read. Other
    /// tests' transactions in the same cluster may hold the horizon back for a moment, hence the generous deadline.
    /// </summary>
    public static async Task<(List<FeedEvent> Read, EventCursor Next)> FollowAsync(NpgsqlDataSource db, Guid tenantId, EventCursor after,
        int expected, int limit = 100)
    {
        var read = new List<FeedEvent>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (read.Count < expected && DateTime.UtcNow < deadline)
        {
            var page = await ReadAsync(db, tenantId, after, limit);
            read.AddRange(page.Events);
            after = page.Next;
            if (page.Events.Count == 0)
            {
                await Task.Delay(50);
            }
        }

        return (read, after);
    }
}
