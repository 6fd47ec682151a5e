using IntegrationHub.Events;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Outbound;

/// <summary>
/// Turns new events into deliveries, set-based, on every worker node at once. A round claims enabled subscriptions with
/// FOR NO KEY UPDATE SKIP LOCKED (another node takes the others), reads the feed after each one's cursor with
/// <see cref="EventFeed"/>, inserts a delivery per matching event and moves the cursor in the same transaction: a crash
/// before commit moves nothing and inserts nothing, and a repeat of the same events inserts nothing twice (unique
/// (subscription, event)). Subscriptions of a tenant at the same cursor (the usual case after their first round) share
/// one feed read.
/// </summary>
public sealed class OutboundFanOut(NpgsqlDataSource data, IOptions<OutboundOptions> options, TimeProvider clock)
{
    /// <summary>One round. Returns how many events were read (0: every claimed subscription is caught up).</summary>
    public async Task<FanOutRound> RunOnceAsync(CancellationToken ct)
    {
        int batch = Math.Max(1, options.Value.FanOutBatch);
        await using var conn = await data.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var subscriptions = await ClaimAsync(conn, batch, ct);
        int read = 0, inserted = 0;
        foreach (var group in subscriptions.GroupBy(s => (s.TenantId, s.Cursor)))
        {
            var page = await EventFeed.ReadAsync(conn, group.Key.TenantId, group.Key.Cursor, EventFilter.None, batch, ct);
            if (page.Events.Count == 0)
            {
                continue;
            }

            read += page.Events.Count;
            foreach (var subscription in group)
            {
                long[] matching = [.. page.Events.Where(subscription.Matches).Select(e => e.Id)];
                inserted += await InsertAsync(conn, subscription, matching, clock.GetUtcNow(), ct);
                await MoveAsync(conn, subscription.Id, page.Next, ct);
            }
        }

        await tx.CommitAsync(ct);
        return new FanOutRound(subscriptions.Count, read, inserted);
    }

    private static async Task<List<FanOutSubscription>> ClaimAsync(NpgsqlConnection conn, int batch, CancellationToken ct)
    {
        // Oldest cursor first, so a lagging subscription is not left behind by ones that keep up. NO KEY UPDATE, not
        // UPDATE: the sender's inserts into outbound_attempts take a key-share lock on the subscription (the foreign key)
        // and must not wait for a round; two rounds still exclude each other.
        await using var cmd = new NpgsqlCommand("""
            SELECT id, tenant_id, kinds, repository_ids, cursor_tx, cursor_id FROM subscriptions
            WHERE enabled ORDER BY cursor_tx, cursor_id LIMIT $1 FOR NO KEY UPDATE SKIP LOCKED
            """, conn);
        cmd.Parameters.Add(new() { Value = batch });
        var claimed = new List<FanOutSubscription>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(new FanOutSubscription(reader.GetGuid(0), reader.GetGuid(1), [.. reader.GetFieldValue<string[]>(2)],
                [.. reader.GetFieldValue<Guid[]>(3)], new EventCursor(reader.GetFieldValue<ulong>(4), reader.GetInt64(5))));
        }

        return claimed;
    }

    private static async Task<int> InsertAsync(NpgsqlConnection conn, FanOutSubscription subscription, long[] eventIds, DateTimeOffset now,
        CancellationToken ct)
    {
        if (eventIds.Length == 0)
        {
            return 0;
        }

        await using var cmd = new NpgsqlCommand($"""
            INSERT INTO outbound_deliveries (tenant_id, subscription_id, event_id, message_id, status, attempts, next_attempt_at, created_at)
            SELECT $1, s.id, e.id, {OutboundSql.MessageId}, 'pending', 0, $4, $4
            FROM (SELECT $2::uuid AS id) s, unnest($3::bigint[]) AS e(id)
            ON CONFLICT (subscription_id, event_id) DO NOTHING
            """, conn);
        cmd.Parameters.Add(new() { Value = subscription.TenantId });
        cmd.Parameters.Add(new() { Value = subscription.Id });
        cmd.Parameters.Add(new() { Value = eventIds });
        cmd.Parameters.Add(new() { Value = now });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task MoveAsync(NpgsqlConnection conn, Guid id, EventCursor next, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("UPDATE subscriptions SET cursor_tx = $2, cursor_id = $3 WHERE id = $1", conn);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = next.Tx, NpgsqlDbType = NpgsqlDbType.Xid8 });
        cmd.Parameters.Add(new() { Value = next.Id });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
