using IntegrationHub.Hooks;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Ingest;

/// <summary>
/// The ingress's database work, one statement each: find the hook, commit a verified delivery (deduplicated, counted),
/// count a rejection. Raw SQL on purpose: this is the hot path, and it crosses tenants by nature (the hook id in the URL
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

    /// <summary>Counts a rejection per (provider, hook, reason), and on the hook when it is one of ours. Nothing else is kept.</summary>
    public async Task RejectAsync(string provider, Guid? hookId, string reason, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            WITH counted AS (
                INSERT INTO delivery_rejections (provider, hook_id, reason, count, last_at) VALUES ($1, $2, $3, 1, $4)
                ON CONFLICT (provider, hook_id, reason) DO UPDATE SET count = delivery_rejections.count + 1, last_at = excluded.last_at
            )
            UPDATE hooks SET rejected_count = rejected_count + 1 WHERE id = $2
            """);
        cmd.Parameters.Add(new() { Value = provider });
        cmd.Parameters.Add(new() { Value = hookId ?? Guid.Empty });
        cmd.Parameters.Add(new() { Value = reason });
        cmd.Parameters.Add(new() { Value = now });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
