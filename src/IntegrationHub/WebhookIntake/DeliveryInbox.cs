using IntegrationHub.Data;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// The ingress's database work, one statement each: find the hook, commit a batch of verified deliveries (deduplicated, counted),
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
    /// Commits a batch of verified deliveries in one statement, and so one transaction and one WAL flush: the group commit's
    /// write (<see cref="GroupCommit"/>). A (hook, delivery id) already stored inserts nothing; copies within the batch are
    /// sent once. Returns, per delivery, whether it was new (the first copy of a new one; every other copy is a duplicate).
    /// New deliveries do not touch their hook's row: that row would serialize every delivery of a busy hook on one row
    /// lock held through each commit's fsync. Their accepted_count and last_delivery_at are brought up to date when the
    /// worker first claims them (DeliveryClaims); duplicates and pings (rare) are counted here. Pings are stored as already
    /// handled ("ignored").
    /// </summary>
    public async Task<bool[]> AcceptAsync(IReadOnlyList<VerifiedDelivery> batch, CancellationToken ct)
    {
        // The first copy of each (hook, delivery id) is sent, with how many copies it stands for.
        var first = new Dictionary<(Guid, string), int>();
        var sent = new List<(VerifiedDelivery Delivery, int Copies)>();
        var slot = new int[batch.Count];
        for (int i = 0; i < batch.Count; i++)
        {
            var key = (batch[i].Hook.Id, batch[i].DeliveryId);
            if (first.TryGetValue(key, out int s))
            {
                sent[s] = (sent[s].Delivery, sent[s].Copies + 1);
                slot[i] = -1;
                continue;
            }

            first[key] = slot[i] = sent.Count;
            sent.Add((batch[i], 1));
        }

        // Prepared: planning this statement (a CTE with an insert, a join and an update) cost PostgreSQL more than storing
        // a dozen rows did in the ingest benchmark's profile. Npgsql keeps a prepared statement on its physical connection
        // across pool rentals, so it is planned once per connection, not once per batch.
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            WITH batch AS (
                SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::bool[],
                                     $9::jsonb[], $10::bytea[], $11::timestamptz[], $12::int[], $13::text[])
                    AS b(tenant_id, hook_id, connection_id, repository_id, provider, delivery_id, event_name, is_ping, headers, body, received_at, copies,
                         traceparent)
            ), ins AS (
                INSERT INTO deliveries (tenant_id, hook_id, connection_id, repository_id, provider, delivery_id, event_name, is_ping,
                                        headers, body, received_at, status, next_attempt_at, processed_at, traceparent)
                SELECT tenant_id, hook_id, connection_id, repository_id, provider, delivery_id, event_name, is_ping, headers, body, received_at,
                       CASE WHEN is_ping THEN 'ignored' ELSE 'pending' END, received_at, CASE WHEN is_ping THEN received_at END, traceparent
                FROM batch
                ON CONFLICT (hook_id, delivery_id) DO NOTHING
                RETURNING hook_id, delivery_id
            ), tally AS (
                SELECT b.hook_id,
                       count(*) FILTER (WHERE b.is_ping AND i.hook_id IS NOT NULL) AS accepted,
                       sum(b.copies - CASE WHEN i.hook_id IS NULL THEN 0 ELSE 1 END) AS duplicates,
                       max(b.received_at) AS last_at,
                       max(b.received_at) FILTER (WHERE b.is_ping) AS last_ping_at
                FROM batch b LEFT JOIN ins i ON i.hook_id = b.hook_id AND i.delivery_id = b.delivery_id
                WHERE b.is_ping OR i.hook_id IS NULL OR b.copies > 1
                GROUP BY b.hook_id
            ), counted AS (
                UPDATE hooks h SET accepted_count = h.accepted_count + t.accepted, duplicate_count = h.duplicate_count + t.duplicates,
                                   last_delivery_at = greatest(h.last_delivery_at, t.last_at),
                                   last_ping_at = greatest(h.last_ping_at, t.last_ping_at)
                FROM tally t WHERE h.id = t.hook_id
            )
            SELECT hook_id, delivery_id FROM ins
            """, connection);
        cmd.Parameters.Add(new() { Value = sent.Select(s => s.Delivery.Hook.TenantId).ToArray() });
        cmd.Parameters.Add(new() { Value = sent.Select(s => s.Delivery.Hook.Id).ToArray() });
        cmd.Parameters.Add(new() { Value = sent.Select(s => s.Delivery.Hook.ConnectionId).ToArray() });
        cmd.Parameters.Add(new() { Value = sent.Select(s => s.Delivery.Hook.RepositoryId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new() { Value = sent.Select(s => s.Delivery.Hook.Provider).ToArray() });
        cmd.Parameters.Add(new() { Value = sent.Select(s => s.Delivery.DeliveryId).ToArray() });
        cmd.Parameters.Add(new() { Value = sent.Select(s => s.Delivery.EventName).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = sent.Select(s => s.Delivery.IsPing).ToArray() });
        cmd.Parameters.Add(new() { Value = sent.Select(s => s.Delivery.HeadersJson).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new() { Value = sent.Select(s => s.Delivery.Body).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        cmd.Parameters.Add(new() { Value = sent.Select(s => s.Delivery.ReceivedAt).ToArray() });
        cmd.Parameters.Add(new() { Value = sent.Select(s => s.Copies).ToArray() });
        cmd.Parameters.Add(new() { Value = sent.Select(s => s.Delivery.Traceparent).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });

        await cmd.PrepareAsync(ct);
        var inserted = new HashSet<(Guid, string)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                inserted.Add((r.GetGuid(0), r.GetString(1)));
            }
        }

        return [.. batch.Select((d, i) => slot[i] >= 0 && inserted.Contains((d.Hook.Id, d.DeliveryId)))];
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
