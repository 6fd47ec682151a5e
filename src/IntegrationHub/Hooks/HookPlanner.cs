using IntegrationHub.Discover;
using Npgsql;

namespace IntegrationHub.Hooks;

/// <summary>
/// Compares what the watch settings want with the hooks we have and queues one item per repository that differs, in
/// two statements however many repositories there are. A repository wants a hook when its connection is active and
/// it is watched, present and not archived. Hooks that failed wait for "Retry" (or the next reconciliation) instead.
/// </summary>
internal sealed class HookPlanner(NpgsqlDataSource db, TimeProvider clock)
{
    private const string Wanted = "c.status = 'active' AND r.watched AND r.status = 'active' AND NOT r.archived";

    public async Task<(int Register, int Remove)> PlanAsync(Guid connectionId, CancellationToken ct)
    {
        int register = await EnqueueAsync(WorkKinds.RegisterHook, $"""
            {Wanted} AND NOT EXISTS (SELECT 1 FROM hooks h WHERE h.repository_id = r.id AND h.status IN ('registered', 'failed', 'disabled'))
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
            WHERE r.connection_id = $1 AND {where}
            ON CONFLICT (kind, coalesce(subject_id, connection_id)) WHERE status IN ('pending', 'running') DO NOTHING
            """);
        cmd.Parameters.Add(new() { Value = connectionId });
        cmd.Parameters.Add(new() { Value = kind });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
