using Npgsql;

namespace IntegrationHub.Jobs;

/// <summary>
/// The shared work queue in work_items. Enqueueing the same open (kind, subject) twice is a no-op. Claims take rows with
/// FOR UPDATE SKIP LOCKED and hold them under a lease: a node that dies mid-item leaves a running row whose lease
/// expires, and the next claim anywhere takes it again. Handlers must be idempotent for that reason.
/// </summary>
public sealed class WorkQueue(NpgsqlDataSource db, TimeProvider clock)
{
    // Every outcome is written only while this claim still holds the item: a slow node whose lease ran out must not
    // overwrite what the node that took the item over decided. A new claim raises attempts, so (node, attempts) names one claim.
    private const string Held = "id = $1 AND status = 'running' AND leased_by = $2 AND attempts = $3";

    public async Task EnqueueAsync(Guid tenantId, Guid? connectionId, string kind, Guid? subjectId, string? payload = null,
        TimeSpan? delay = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var cmd = db.CreateCommand("""
            INSERT INTO work_items (tenant_id, connection_id, kind, subject_id, payload, status, not_before, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $7)
            ON CONFLICT (kind, coalesce(subject_id, connection_id)) WHERE status IN ('pending', 'running') DO NOTHING
            """);
        cmd.Parameters.Add(new() { Value = tenantId });
        cmd.Parameters.Add(new() { Value = (object?)connectionId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new() { Value = kind });
        cmd.Parameters.Add(new() { Value = (object?)subjectId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new() { Value = (object?)payload ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = now + (delay ?? TimeSpan.Zero) });
        cmd.Parameters.Add(new() { Value = now });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>As the overload with an attempt limit, without one: a lost item is retaken however often it was lost.</summary>
    public Task<IReadOnlyList<ClaimedWork>> ClaimAsync(IReadOnlyCollection<string> kinds, int max, TimeSpan lease, string node, CancellationToken ct) =>
        ClaimAsync(kinds, max, lease, node, int.MaxValue, ct);

    /// <summary>
    /// Claims up to <paramref name="max"/> due items of the given kinds for <paramref name="lease"/>. Items of a connection
    /// paused by a provider rate limit (connections.rate_limited_until) stay where they are until the pause ends. An item
    /// whose lease ran out is retaken (the claim counts as its next attempt) only while it has attempts left: at
    /// <paramref name="maxAttempts"/> it waits for <see cref="GiveUpLostAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedWork>> ClaimAsync(IReadOnlyCollection<string> kinds, int max, TimeSpan lease, string node, int maxAttempts,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var cmd = db.CreateCommand("""
            UPDATE work_items w SET status = 'running', attempts = w.attempts + 1, leased_by = $4, lease_until = $5, updated_at = $1
            WHERE w.id IN (
                SELECT i.id FROM work_items i
                WHERE i.kind = ANY($2) AND i.not_before <= $1
                  AND (i.status = 'pending' OR (i.status = 'running' AND i.lease_until < $1 AND i.attempts < $6))
                  AND NOT EXISTS (SELECT 1 FROM connections c WHERE c.id = i.connection_id AND c.rate_limited_until > $1)
                ORDER BY i.not_before
                LIMIT $3
                FOR UPDATE OF i SKIP LOCKED)
            RETURNING w.id, w.tenant_id, w.connection_id, w.kind, w.subject_id, w.payload, w.attempts
            """);
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = kinds.ToArray() });
        cmd.Parameters.Add(new() { Value = max });
        cmd.Parameters.Add(new() { Value = node });
        cmd.Parameters.Add(new() { Value = now + lease });
        cmd.Parameters.Add(new() { Value = Math.Max(1, maxAttempts) });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var claimed = new List<ClaimedWork>();
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(Read(reader, node));
        }

        return claimed;
    }

    /// <summary>
    /// Items still 'running' after their lease ran out at their last attempt: the node died with them (crashed or was killed
    /// before it could record anything). Retaking is how a crash loses nothing, but an item that kills every node taking it
    /// would be retaken forever, so it is marked failed, "worker lost while processing", and returned with that reason for
    /// its handler to show where a person looks. Rows another node is retaking right now are skipped, not waited for.
    /// </summary>
    public async Task<IReadOnlyList<(ClaimedWork Item, string Reason)>> GiveUpLostAsync(IReadOnlyCollection<string> kinds, int maxAttempts, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var cmd = db.CreateCommand("""
            UPDATE work_items w SET status = 'failed', lease_until = NULL, updated_at = $1,
                last_error = 'worker lost while processing, attempt ' || w.attempts || ' of ' || $3 || ': given up'
            WHERE w.id IN (
                SELECT i.id FROM work_items i
                WHERE i.kind = ANY($2) AND i.status = 'running' AND i.lease_until < $1 AND i.attempts >= $3
                FOR UPDATE OF i SKIP LOCKED)
            RETURNING w.id, w.tenant_id, w.connection_id, w.kind, w.subject_id, w.payload, w.attempts, w.leased_by, w.last_error
            """);
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = kinds.ToArray() });
        cmd.Parameters.Add(new() { Value = Math.Max(1, maxAttempts) });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var lost = new List<(ClaimedWork, string)>();
        while (await reader.ReadAsync(ct))
        {
            lost.Add((Read(reader, reader.IsDBNull(7) ? "" : reader.GetString(7)), reader.GetString(8)));
        }

        return lost;
    }

    private static ClaimedWork Read(NpgsqlDataReader reader, string node) =>
        new(reader.GetInt64(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6), node);

    /// <summary>
    /// Renews the lease as the item's handling starts (items wait their turn in a batch, and the lease may have run out
    /// meanwhile) and reads whether its connection is paused. Not held: another claim took the item over.
    /// </summary>
    public async Task<ClaimRenewal> BeginAsync(ClaimedWork item, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var cmd = db.CreateCommand($"""
            UPDATE work_items w SET lease_until = $4, updated_at = $5 WHERE {Held}
            RETURNING (SELECT c.rate_limited_until FROM connections c WHERE c.id = w.connection_id AND c.rate_limited_until > $5)
            """);
        AddClaim(cmd, item);
        cmd.Parameters.Add(new() { Value = now + lease });
        cmd.Parameters.Add(new() { Value = now });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new ClaimRenewal(true, reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0))
            : new ClaimRenewal(false, null);
    }

    /// <summary>Extends a lease while a long item (a large discovery) is still making progress. False: the claim was lost.</summary>
    public Task<bool> RenewAsync(ClaimedWork item, TimeSpan lease, CancellationToken ct) =>
        Exec($"UPDATE work_items SET lease_until = $4, updated_at = $5 WHERE {Held}", item, ct, clock.GetUtcNow() + lease, clock.GetUtcNow());

    /// <summary>Marks the item done. False (nothing changed): the lease ran out and another claim owns the item now.</summary>
    public Task<bool> CompleteAsync(ClaimedWork item, CancellationToken ct) =>
        Exec($"UPDATE work_items SET status = 'done', lease_until = NULL, last_error = NULL, updated_at = $4 WHERE {Held}", item, ct, clock.GetUtcNow());

    /// <summary>Puts the item back to run again after <paramref name="retryIn"/>, or marks it failed for good. False: the claim was lost.</summary>
    public Task<bool> FailAsync(ClaimedWork item, string error, TimeSpan? retryIn, CancellationToken ct) => retryIn is { } wait
        ? Exec($"UPDATE work_items SET status = 'pending', lease_until = NULL, last_error = $4, not_before = $5, updated_at = $6 WHERE {Held}",
            item, ct, error, clock.GetUtcNow() + wait, clock.GetUtcNow())
        : Exec($"UPDATE work_items SET status = 'failed', lease_until = NULL, last_error = $4, updated_at = $5 WHERE {Held}", item, ct, error, clock.GetUtcNow());

    /// <summary>Postpones without counting an attempt: the provider asked us to wait (rate limit), nothing failed. False: the claim was lost.</summary>
    public Task<bool> PostponeAsync(ClaimedWork item, DateTimeOffset until, CancellationToken ct) =>
        Exec($"UPDATE work_items SET status = 'pending', lease_until = NULL, attempts = greatest(attempts - 1, 0), not_before = $4, updated_at = $5 WHERE {Held}",
            item, ct, until, clock.GetUtcNow());

    private static void AddClaim(NpgsqlCommand cmd, ClaimedWork item)
    {
        cmd.Parameters.Add(new() { Value = item.Id });
        cmd.Parameters.Add(new() { Value = item.LeasedBy });
        cmd.Parameters.Add(new() { Value = item.Attempts });
    }

    private async Task<bool> Exec(string sql, ClaimedWork item, CancellationToken ct, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        AddClaim(cmd, item);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }
}
