using IntegrationHub.Providers.Poll;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Poll;

/// <summary>
/// The probe's side of the poll's storage: the stored <see cref="ProbeMark"/>s of a batch in one read, and the outcome of
/// the repositories a probe found unchanged in one statement (their poll is done: no event, no cursor moved). As
/// <see cref="PollRecorder"/>, nothing is written for a repository whose lease this node no longer holds.
/// </summary>
internal sealed class ProbeMarks(NpgsqlDataSource db, TimeProvider clock)
{
    public async Task<Dictionary<Guid, ProbeMark>> ReadAsync(IReadOnlyList<Guid> repositoryIds, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT repository_id, cursor FROM poll_cursors WHERE repository_id = ANY($1) AND stream = $2");
        cmd.Parameters.Add(new() { Value = repositoryIds.ToArray() });
        cmd.Parameters.Add(new() { Value = PollStreams.Probe });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var marks = new Dictionary<Guid, ProbeMark>();
        while (await r.ReadAsync(ct))
        {
            if (ProbeMark.Parse(r.IsDBNull(1) ? null : r.GetString(1)) is { } mark)
            {
                marks[r.GetGuid(0)] = mark;
            }
        }

        return marks;
    }

    /// <summary>Records an ok poll that sent no request of its own (the probe's one was shared) for each of <paramref name="polled"/>.</summary>
    public async Task RecordUnchangedAsync(IReadOnlyList<(PollTarget Target, DateTimeOffset Next)> polled, string node, int durationMs, CancellationToken ct)
    {
        if (polled.Count == 0)
        {
            return;
        }

        await using var cmd = db.CreateCommand("""
            UPDATE poll_state ps SET next_poll_at = v.next, lease_until = NULL, leased_by = NULL, last_polled_at = $4, last_outcome = 'ok',
                last_error = NULL, last_duration_ms = $5, consecutive_failures = 0, calls_last_cycle = 0
            FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS v(id, next, lease)
            WHERE ps.repository_id = v.id AND ps.leased_by = $6 AND ps.lease_until IS NOT DISTINCT FROM v.lease
            """);
        cmd.Parameters.Add(new() { Value = polled.Select(p => p.Target.RepositoryId).ToArray() });
        cmd.Parameters.Add(new() { Value = polled.Select(p => p.Next).ToArray() });
        cmd.Parameters.Add(new() { Value = polled.Select(p => p.Target.LeaseUntil).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        cmd.Parameters.Add(new() { Value = durationMs });
        cmd.Parameters.Add(new() { Value = node });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
