using IntegrationHub.Providers.Events;
using Npgsql;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Webhook-only Bitbucket Data Center: without a token the hub cannot ask for the repository's id when the tenant
/// connects, so that row is made with <c>PROJECT/slug</c> standing in for its id (external_id = full_path; a real
/// Bitbucket id is a number). The first verified delivery names the real id and it is recorded here, on the row of the
/// hook that received it and nowhere else: the same tenant and connection, a webhook-only connection, a row still
/// holding its stand-in, and the same project key and slug (Bitbucket treats both without regard to case).
/// </summary>
internal static class PlaceholderRepository
{
    /// <summary>True when the real id was recorded now; false when the row is not such a stand-in (or another worker just recorded it).</summary>
    public static async Task<bool> TryRecordIdAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ClaimedDelivery d, Guid repositoryId,
        EventRepository seen, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE repositories r SET external_id = $4, full_path = $5
            FROM connections c
            WHERE r.id = $1 AND r.tenant_id = $2 AND r.connection_id = $3
              AND c.id = r.connection_id AND c.tenant_id = r.tenant_id AND c.provider = 'bitbucket-dc' AND c.auth_kind = 'webhook_only'
              AND r.external_id = r.full_path AND lower(r.full_path) = lower($5)
              AND NOT EXISTS (SELECT 1 FROM repositories o WHERE o.connection_id = r.connection_id AND o.external_id = $4)
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = repositoryId });
        cmd.Parameters.Add(new() { Value = d.TenantId });
        cmd.Parameters.Add(new() { Value = d.ConnectionId });
        cmd.Parameters.Add(new() { Value = seen.ExternalId });
        cmd.Parameters.Add(new() { Value = seen.FullPath });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }
}
