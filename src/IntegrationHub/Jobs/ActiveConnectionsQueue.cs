using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Jobs;

/// <summary>
/// Queues one item of a kind for every active connection that has a token, in one statement (open items are not
/// doubled). A webhook-only connection has none: discovery and hook repair would only call the provider with an empty
/// token and fail for ever, so it is left out until the tenant adds a token.
/// </summary>
internal sealed class ActiveConnectionsQueue(NpgsqlDataSource db, TimeProvider clock)
{
    public async Task<int> EnqueueAsync(string kind, string? payload, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO work_items (tenant_id, connection_id, kind, payload, status, not_before, created_at, updated_at)
            SELECT tenant_id, id, $1, $2, 'pending', $3, $3, $3 FROM connections WHERE status = 'active' AND access_token_protected IS NOT NULL
            ON CONFLICT (kind, coalesce(subject_id, connection_id)) WHERE status IN ('pending', 'running') DO NOTHING
            """);
        cmd.Parameters.Add(new() { Value = kind });
        cmd.Parameters.Add(new() { Value = (object?)payload ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
