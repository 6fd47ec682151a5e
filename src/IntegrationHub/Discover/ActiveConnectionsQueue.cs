using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Discover;

/// <summary>Queues one item of a kind for every active connection, in one statement (open items are not doubled).</summary>
internal sealed class ActiveConnectionsQueue(NpgsqlDataSource db, TimeProvider clock)
{
    public async Task<int> EnqueueAsync(string kind, string? payload, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO work_items (tenant_id, connection_id, kind, payload, status, not_before, created_at, updated_at)
            SELECT tenant_id, id, $1, $2, 'pending', $3, $3, $3 FROM connections WHERE status = 'active'
            ON CONFLICT (kind, coalesce(subject_id, connection_id)) WHERE status IN ('pending', 'running') DO NOTHING
            """);
        cmd.Parameters.Add(new() { Value = kind });
        cmd.Parameters.Add(new() { Value = (object?)payload ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
