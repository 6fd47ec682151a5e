using Npgsql;

namespace IntegrationHub.Jobs;

/// <summary>
/// Compares what the watch settings want with the hooks we have and queues one item per repository that differs, in
/// two statements however many repositories there are. A repository wants a hook when its connection is active and
/// it is watched, present and not archived. A hook that failed is tried again by a later plan (the reconciliation every
/// Hub:Hooks:ReconcileMinutes, a refresh, the nightly discovery) once its back-off has passed: 5 minutes after the
/// failure, doubling with each registration attempt, at most a day; "Retry" on the Repositories page queues it at once.
/// A connection without a token (webhook-only: the person added the hook themselves) gets no hook work at all.
/// </summary>
internal sealed class HookPlanner(NpgsqlDataSource db, TimeProvider clock)
{
    private const string Wanted = "c.status = 'active' AND r.watched AND r.status = 'active' AND NOT r.archived";

    // A permanent refusal (no admin rights, a repository locked) may be lifted by a person later; retrying it at every
    // plan would spend calls on it forever, so the wait doubles with each attempt: 5 min, 10 min, 20 min … 1 day.
    private const string FailedBackoff =
        "least(interval '1 day', interval '5 minutes' * power(2, least(greatest(h.register_attempts - 1, 0), 10)))";

    public async Task<(int Register, int Remove)> PlanAsync(Guid connectionId, CancellationToken ct)
    {
        int register = await EnqueueAsync(WorkKinds.RegisterHook, $"""
            {Wanted} AND NOT EXISTS (SELECT 1 FROM hooks h WHERE h.repository_id = r.id AND (h.status IN ('registered', 'disabled')
                OR (h.status = 'failed' AND h.updated_at > $3 - {FailedBackoff})))
            """, connectionId, ct);
        int remove = await EnqueueAsync(WorkKinds.RemoveHook, $"""
            NOT ({Wanted}) AND EXISTS (SELECT 1 FROM hooks h WHERE h.repository_id = r.id AND h.status <> 'removed')
            """, connectionId, ct);
        return (register, remove);
    }

    private async Task<int> EnqueueAsync(string kind, string where, Guid connectionId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            INSERT INTO work_items (tenant_id, connection_id, kind, subject_id, status, not_before, created_at, updated_at)
            SELECT r.tenant_id, r.connection_id, $2, r.id, 'pending', $3, $3, $3
            FROM repositories r JOIN connections c ON c.id = r.connection_id
            WHERE r.connection_id = $1 AND c.access_token_protected IS NOT NULL AND {where}
            ON CONFLICT (kind, coalesce(subject_id, connection_id)) WHERE status IN ('pending', 'running') DO NOTHING
            """);
        cmd.Parameters.Add(new() { Value = connectionId });
        cmd.Parameters.Add(new() { Value = kind });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
