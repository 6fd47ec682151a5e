using Npgsql;

namespace IntegrationHub.Jobs;

/// <summary>
/// The shared work queue in work_items. Enqueueing the same open (kind, subject) twice is a no-op. Claims take rows with
/// FOR UPDATE SKIP LOCKED and hold them under a lease: a node that dies mid-item leaves a running row whose lease
/// expires, and the next claim anywhere takes it again. Handlers must be idempotent for that reason.
/// </summary>
public sealed class WorkQueue(NpgsqlDataSource db, TimeProvider clock)
{
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

    /// <summary>Claims up to <paramref name="max"/> due items of the given kinds for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<ClaimedWork>> ClaimAsync(IReadOnlyCollection<string> kinds, int max, TimeSpan lease, string node, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var cmd = db.CreateCommand("""
            UPDATE work_items w SET status = 'running', attempts = w.attempts + 1, leased_by = $4, lease_until = $5, updated_at = $1
            WHERE w.id IN (
                SELECT id FROM work_items
                WHERE kind = ANY($2) AND not_before <= $1
                  AND (status = 'pending' OR (status = 'running' AND lease_until < $1))
                ORDER BY not_before
                LIMIT $3
                FOR UPDATE SKIP LOCKED)
            RETURNING w.id, w.tenant_id, w.connection_id, w.kind, w.subject_id, w.payload, w.attempts
            """);
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = kinds.ToArray() });
        cmd.Parameters.Add(new() { Value = max });
        cmd.Parameters.Add(new() { Value = node });
        cmd.Parameters.Add(new() { Value = now + lease });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var claimed = new List<ClaimedWork>();
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(new ClaimedWork(reader.GetInt64(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2),
                reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6)));
        }

        return claimed;
    }

    /// <summary>Extends a lease while a long item (a large discovery) is still making progress.</summary>
    public Task RenewAsync(long id, TimeSpan lease, CancellationToken ct) =>
        Exec("UPDATE work_items SET lease_until = $2, updated_at = $3 WHERE id = $1 AND status = 'running'", ct, id, clock.GetUtcNow() + lease, clock.GetUtcNow());

    public Task CompleteAsync(long id, CancellationToken ct) =>
        Exec("UPDATE work_items SET status = 'done', lease_until = NULL, last_error = NULL, updated_at = $2 WHERE id = $1", ct, id, clock.GetUtcNow());

    /// <summary>Puts the item back to run again after <paramref name="retryIn"/>, or marks it failed for good.</summary>
    public Task FailAsync(long id, string error, TimeSpan? retryIn, CancellationToken ct) => retryIn is { } wait
        ? Exec("UPDATE work_items SET status = 'pending', lease_until = NULL, last_error = $2, not_before = $3, updated_at = $4 WHERE id = $1", ct, id, error, clock.GetUtcNow() + wait, clock.GetUtcNow())
        : Exec("UPDATE work_items SET status = 'failed', lease_until = NULL, last_error = $2, updated_at = $3 WHERE id = $1", ct, id, error, clock.GetUtcNow());

    /// <summary>Postpones without counting an attempt: the provider asked us to wait (rate limit), nothing failed.</summary>
    public Task PostponeAsync(long id, DateTimeOffset until, CancellationToken ct) =>
        Exec("UPDATE work_items SET status = 'pending', lease_until = NULL, attempts = greatest(attempts - 1, 0), not_before = $2, updated_at = $3 WHERE id = $1", ct, id, until, clock.GetUtcNow());

    private async Task Exec(string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        await cmd.ExecuteNonQueryAsync(ct);
    }
}
