using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Events;

/// <summary>
/// Reads a tenant's events in the order they became final, so that a consumer who keeps the returned cursor and
/// asks again sees every event exactly once, whatever the number of writers and however often the hub restarts.
/// </summary>
/// <remarks>
/// Why not simply "id > cursor": ids come from a sequence when a row is inserted, but rows become visible when their
/// transaction commits. Writer T1 takes id 10, writer T2 takes id 11 and commits first; a reader that returns 11 and
/// moves its cursor to 11 never returns 10 once T1 commits. Commit order is what matters, and PostgreSQL has no
/// commit sequence number, so the feed uses the next best thing:
/// <list type="bullet">
/// <item>Each event row stores <c>tx</c>, the id of the transaction that inserted it (<c>pg_current_xact_id()</c>,
/// the column's default), and the feed orders by <c>(tx, id)</c>. The index (tenant_id, tx, id) serves that order.</item>
/// <item>A read returns only rows with <c>tx &lt; pg_snapshot_xmin(pg_current_snapshot())</c>: below the oldest
/// transaction still running, every transaction has either committed (its rows are visible to this read) or rolled
/// back (its rows never will be). No row can still appear below that horizon, and every transaction that has not
/// ended, or not started, has a tx at or above it. So once the cursor passes a position, nothing can later appear
/// before it: no miss; and the cursor only moves forward: no repeat.</item>
/// <item>The price: a transaction that stays open holds the horizon back, so later events (of every tenant; the
/// horizon is the whole cluster's) wait until it ends. They are delayed, never lost. A rolled-back insert leaves no
/// row and, once ended, holds nothing back. Writers keep their transactions short (one delivery or poll page).</item>
/// <item>The rule that follows: no hub transaction may hold a transaction id across network I/O (a provider call,
/// an outbound webhook, a DNS lookup). A transaction gets an id when it writes a row or locks one (FOR UPDATE, FOR
/// SHARE); reading and advisory locks take none. So serialize with <c>pg_advisory_xact_lock</c> and read without a
/// row lock, call out, and write afterwards (as <c>TokenRefresher</c> does), or commit a short lease first.</item>
/// <item>xid8 is the 64-bit transaction id (epoch and xid): it never wraps around in practice, and it survives
/// restarts, so a cursor kept by a consumer for days still orders correctly against new rows.</item>
/// <item>Rows that existed before the column was added all share that migration's tx; (tx, id) orders them by id.</item>
/// <item>Known limitation: a logical dump/restore (pg_dump, pg_restore) into a new cluster restarts the counter below
/// the stored positions (events.tx, subscriptions.cursor_tx): new events sort before every kept cursor and feeds go
/// silent until the counter passes them. Use a physical backup (pg_basebackup), which keeps the counter.
/// <see cref="TransactionCounterCheck"/> logs an error at start and /healthz reports "degraded" when it happens.</item>
/// </list>
/// </remarks>
public static class EventFeed
{
    private const string Columns = "id, tx, kind, repository_id, connection_id, mentions, recorded_at, payload::text";

    /// <summary>
    /// Up to <paramref name="limit"/> events of <paramref name="tenantId"/> after <paramref name="after"/> that match
    /// <paramref name="filter"/>, in feed order; <see cref="FeedPage.Next"/> is the last one's cursor, or
    /// <paramref name="after"/> when there is none. Inside a caller's transaction that already has an id (it wrote or
    /// locked rows), the horizon is at most that id: events committed since it began wait for the next read, none is lost.
    /// </summary>
    public static async Task<FeedPage> ReadAsync(NpgsqlConnection conn, Guid tenantId, EventCursor after, EventFilter filter, int limit,
        CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var sql = new StringBuilder($"""
            SELECT {Columns} FROM events
            WHERE tenant_id = $1 AND (tx, id) > ($2, $3) AND tx < pg_snapshot_xmin(pg_current_snapshot())
            """);
        await using var cmd = new NpgsqlCommand { Connection = conn };
        cmd.Parameters.Add(new() { Value = tenantId });
        cmd.Parameters.Add(new() { Value = after.Tx, NpgsqlDbType = NpgsqlDbType.Xid8 });
        cmd.Parameters.Add(new() { Value = after.Id });
        if (filter.RepositoryId is { } repositoryId)
        {
            cmd.Parameters.Add(new() { Value = repositoryId });
            sql.Append($" AND repository_id = ${cmd.Parameters.Count}");
        }

        if (filter.Kind is { } kind)
        {
            cmd.Parameters.Add(new() { Value = kind.ToString() });
            sql.Append($" AND kind = ${cmd.Parameters.Count}");
        }

        if (!string.IsNullOrEmpty(filter.Mention))
        {
            // The cardinality test lets the planner use the partial index of events that mention anyone.
            cmd.Parameters.Add(new() { Value = filter.Mention.TrimStart('@') });
            sql.Append($" AND cardinality(mentions) > 0 AND EXISTS (SELECT 1 FROM unnest(mentions) m WHERE lower(m) = lower(${cmd.Parameters.Count}))");
        }

        cmd.Parameters.Add(new() { Value = limit });
        sql.Append($" ORDER BY tx, id LIMIT ${cmd.Parameters.Count}");
        cmd.CommandText = sql.ToString();

        var events = new List<FeedEvent>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                events.Add(Read(reader));
            }
        }

        return new FeedPage(events, events.Count == 0 ? after : events[^1].Cursor);
    }

    /// <summary>
    /// One event of the tenant by id, or null when there is none (or it is another tenant's). Unlike a page read it
    /// does not wait for the horizon: a committed event is shown as soon as it exists.
    /// </summary>
    public static async Task<FeedEvent?> ReadOneAsync(NpgsqlConnection conn, Guid tenantId, long id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT {Columns} FROM events WHERE id = $1 AND tenant_id = $2", conn);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = tenantId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    private static FeedEvent Read(NpgsqlDataReader r)
    {
        long id = r.GetInt64(0);
        var repositoryId = r.GetGuid(3);
        var connectionId = r.GetGuid(4);
        var recordedAt = r.GetFieldValue<DateTimeOffset>(6);
        var json = JsonNode.Parse(r.GetString(7)) as JsonObject
            ?? throw new InvalidOperationException($"Event {id} has a payload that is not a JSON object.");
        // The API's event: the stored normalized event, led by the hub's id, followed by where and when it was stored.
        json.Remove("id");
        json.Insert(0, "id", id);
        json["repositoryId"] = repositoryId;
        json["connectionId"] = connectionId;
        json["recordedAt"] = recordedAt;
        return new FeedEvent(id, new EventCursor(r.GetFieldValue<ulong>(1), id), r.GetString(2), repositoryId, connectionId,
            r.GetFieldValue<string[]>(5), recordedAt, json);
    }
}
