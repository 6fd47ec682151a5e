using IntegrationHub.Events;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using Npgsql;

namespace IntegrationHub.Poll;

/// <summary>
/// Reads a repository's cursors, and writes a poll's outcome in one transaction: the events (through
/// <see cref="EventStore"/>, deduped by natural key), the cursors of the streams that finished, the schedule and the
/// connection's rate-limit state. Cursors therefore never move past events that were not stored, and nothing is written
/// unless this node still holds the repository's lease.
/// </summary>
internal sealed class PollRecorder(NpgsqlDataSource db, EventStore events, TimeProvider clock)
{
    public async Task<Dictionary<string, PollStreamCursor>> CursorsAsync(Guid repositoryId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT stream, cursor, etag FROM poll_cursors WHERE repository_id = $1");
        cmd.Parameters.Add(new() { Value = repositoryId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var cursors = new Dictionary<string, PollStreamCursor>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct))
        {
            cursors[r.GetString(0)] = new PollStreamCursor(r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2));
        }

        return cursors;
    }

    /// <summary>Stores what a poll found and schedules the next one. Returns how many events were new (0 when the lease was lost).</summary>
    public async Task<int> RecordAsync(PollTarget target, PollReadResult? result, PollVerdict verdict, string node, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // A poll that overran its lease may find the repository claimed again and polled further since: its events, and
        // above all its older cursors, must not land. The row lock holds the lease until this transaction ends.
        await using (var own = new NpgsqlCommand("""
            SELECT 1 FROM poll_state WHERE repository_id = $1 AND leased_by = $2 AND ($3::timestamptz IS NULL OR lease_until = $3) FOR UPDATE
            """, conn, tx))
        {
            own.Parameters.Add(new() { Value = target.RepositoryId });
            own.Parameters.Add(new() { Value = node });
            own.Parameters.Add(new() { Value = (object?)target.LeaseUntil ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            if (await own.ExecuteScalarAsync(ct) is null)
            {
                await tx.RollbackAsync(ct);
                return 0;
            }
        }

        int stored = 0;
        if (result is not null)
        {
            var target2 = new EventTarget(target.TenantId, target.ConnectionId, target.RepositoryId, target.HookId);
            stored = await events.StoreAsync(conn, tx, target2, result.Events, EventSource.Poll, null, ct);
            foreach ((string stream, PollStreamCursor cursor) in result.Cursors)
            {
                await using var up = new NpgsqlCommand("""
                    INSERT INTO poll_cursors (repository_id, stream, tenant_id, cursor, etag, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (repository_id, stream) DO UPDATE SET cursor = excluded.cursor, etag = excluded.etag, updated_at = excluded.updated_at
                    """, conn, tx);
                up.Parameters.Add(new() { Value = target.RepositoryId });
                up.Parameters.Add(new() { Value = stream });
                up.Parameters.Add(new() { Value = target.TenantId });
                up.Parameters.Add(new() { Value = (object?)cursor.Cursor ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                up.Parameters.Add(new() { Value = (object?)cursor.ETag ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                up.Parameters.Add(new() { Value = now });
                await up.ExecuteNonQueryAsync(ct);
            }

            if (result.RateLimit is { Remaining: { } remaining } rate)
            {
                await using var rl = new NpgsqlCommand("UPDATE connections SET rate_limit_remaining = $2, rate_limit_reset_at = $3 WHERE id = $1", conn, tx);
                rl.Parameters.Add(new() { Value = target.ConnectionId });
                rl.Parameters.Add(new() { Value = remaining });
                rl.Parameters.Add(new() { Value = (object?)rate.ResetAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
                await rl.ExecuteNonQueryAsync(ct);
            }
        }

        await using (var state = new NpgsqlCommand("""
            UPDATE poll_state SET next_poll_at = $2, lease_until = NULL, leased_by = NULL,
                last_polled_at = CASE WHEN $3 THEN $4 ELSE last_polled_at END, last_outcome = $5, last_error = $6, last_duration_ms = $7,
                consecutive_failures = CASE WHEN $8 THEN consecutive_failures + 1 WHEN $3 THEN 0 ELSE consecutive_failures END,
                recovered_events = recovered_events + $9, calls_last_cycle = $10
            WHERE repository_id = $1 AND leased_by = $11
            """, conn, tx))
        {
            state.Parameters.Add(new() { Value = target.RepositoryId });
            state.Parameters.Add(new() { Value = verdict.NextPollAt });
            state.Parameters.Add(new() { Value = verdict.Polled });
            state.Parameters.Add(new() { Value = now });
            state.Parameters.Add(new() { Value = verdict.Outcome });
            state.Parameters.Add(new() { Value = (object?)verdict.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            state.Parameters.Add(new() { Value = verdict.DurationMs });
            state.Parameters.Add(new() { Value = verdict.Failed });
            state.Parameters.Add(new() { Value = (long)stored });
            state.Parameters.Add(new() { Value = result?.Calls ?? 0 });
            state.Parameters.Add(new() { Value = node });
            await state.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return stored;
    }
}
