using IntegrationHub.Data;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// The ingress's database work, one statement each: find the hook, commit a verified delivery (deduplicated, counted),
/// add the rejections counted in memory. Raw SQL on purpose: this is the hot path, and it crosses tenants by nature (the hook id in the URL
/// says whose delivery it is), so no tenant query filter applies; every later read is tenant-filtered again.
/// </summary>
internal sealed class DeliveryInbox(NpgsqlDataSource db)
{
    /// <summary>One indexed lookup (hooks primary key joined to connections primary key).</summary>
    public async Task<IngressHook?> FindHookAsync(Guid hookId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT h.tenant_id, h.connection_id, h.repository_id, h.provider, h.status, c.status,
                   h.secret_protected, h.previous_secret_protected, h.previous_secret_expires_at, h.basic_username
            FROM hooks h JOIN connections c ON c.id = h.connection_id
            WHERE h.id = $1
            """);
        cmd.Parameters.Add(new() { Value = hookId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }

        string provider = r.GetString(3);
        var secrets = new Hook
        {
            Id = hookId,
            Provider = provider,
            Url = string.Empty,
            SecretProtected = r.GetString(6),
            PreviousSecretProtected = r.IsDBNull(7) ? null : r.GetString(7),
            PreviousSecretExpiresAt = r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
            BasicUsername = r.IsDBNull(9) ? null : r.GetString(9),
        };
        return new IngressHook(hookId, r.GetGuid(0), r.GetGuid(1), r.IsDBNull(2) ? null : r.GetGuid(2), provider, r.GetString(4), r.GetString(5), secrets);
    }

    /// <summary>
    /// Commits the delivery unless (hook, delivery id) is already stored, in one statement and one round trip. Concurrent
    /// copies of one delivery wait on the unique index; all but one insert nothing. Returns whether this copy was new.
    /// A new delivery does not touch the hook row: that row would serialize every delivery of a busy hook on one row lock
    /// held through each commit's fsync. Its accepted_count and last_delivery_at are brought up to date when the worker first
    /// claims it (DeliveryClaims); duplicates and pings (rare) are counted here. Pings are stored as already handled ("ignored").
    /// </summary>
    public async Task<bool> AcceptAsync(IngressHook hook, string deliveryId, string? eventName, bool isPing, string headersJson,
        byte[] body, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            WITH ins AS (
                INSERT INTO deliveries (tenant_id, hook_id, connection_id, repository_id, provider, delivery_id, event_name, is_ping,
                                        headers, body, received_at, status, next_attempt_at, processed_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, CASE WHEN $8 THEN 'ignored' ELSE 'pending' END, $11,
                        CASE WHEN $8 THEN $11 END)
                ON CONFLICT (hook_id, delivery_id) DO NOTHING
                RETURNING id
            ), counted AS (
                UPDATE hooks SET accepted_count = accepted_count + (SELECT count(*) FROM ins),
                                 duplicate_count = duplicate_count + 1 - (SELECT count(*) FROM ins),
                                 last_delivery_at = $11,
                                 last_ping_at = CASE WHEN $8 THEN $11 ELSE last_ping_at END
                WHERE id = $2 AND ($8 OR NOT EXISTS (SELECT 1 FROM ins))
            )
            SELECT count(*) FROM ins
            """);
        cmd.Parameters.Add(new() { Value = hook.TenantId });
        cmd.Parameters.Add(new() { Value = hook.Id });
        cmd.Parameters.Add(new() { Value = hook.ConnectionId });
        cmd.Parameters.Add(new() { Value = (object?)hook.RepositoryId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new() { Value = hook.Provider });
        cmd.Parameters.Add(new() { Value = deliveryId });
        cmd.Parameters.Add(new() { Value = (object?)eventName ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = isPing });
        cmd.Parameters.Add(new() { Value = headersJson });
        cmd.Parameters.Add(new() { Value = body, NpgsqlDbType = NpgsqlDbType.Bytea });
        cmd.Parameters.Add(new() { Value = now });
        return (long)(await cmd.ExecuteScalarAsync(ct))! == 1;
    }

    /// <summary>
    /// Adds rejections counted in memory (<see cref="RejectionCounter"/>) to delivery_rejections and to our hooks' counters,
    /// in one statement for the whole batch. The batch holds each key once, in one order, so two web nodes flushing at once
    /// lock rows in the same order.
    /// </summary>
    public async Task AddRejectionsAsync(IReadOnlyList<RejectionTally> tallies, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            WITH batch AS (
                SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::bigint[], $5::timestamptz[]) AS b(provider, hook_id, reason, n, last_at)
            ), counted AS (
                INSERT INTO delivery_rejections (provider, hook_id, reason, count, last_at)
                SELECT provider, hook_id, reason, n, last_at FROM batch
                ON CONFLICT (provider, hook_id, reason) DO UPDATE SET count = delivery_rejections.count + excluded.count,
                    last_at = greatest(delivery_rejections.last_at, excluded.last_at)
            )
            UPDATE hooks h SET rejected_count = h.rejected_count + s.n
            FROM (SELECT hook_id, sum(n)::bigint AS n FROM batch GROUP BY hook_id) s
            WHERE h.id = s.hook_id
            """);
        cmd.Parameters.Add(new() { Value = tallies.Select(t => t.Provider).ToArray() });
        cmd.Parameters.Add(new() { Value = tallies.Select(t => t.HookId).ToArray() });
        cmd.Parameters.Add(new() { Value = tallies.Select(t => t.Reason).ToArray() });
        cmd.Parameters.Add(new() { Value = tallies.Select(t => t.Count).ToArray() });
        cmd.Parameters.Add(new() { Value = tallies.Select(t => t.LastAt).ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
