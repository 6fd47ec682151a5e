using Npgsql;

namespace IntegrationHub.ProviderAccess.GitHubApps;

/// <summary>
/// An app connection whose installation GitHub no longer has: learned from the <c>installation.deleted</c> delivery, or
/// from GitHub answering 404 to the token mint when that delivery was lost. Both ways end here, so the connection reads the
/// same and the tenant's audit log says how it was learned. Only a live connection still holding that installation changes:
/// one disconnected or revoked in the hub keeps its own reason (the hub's own disconnect deletes the installation, and
/// GitHub then sends the deleted event too).
/// </summary>
internal static class UninstalledInstallation
{
    public const string Reason = "The GitHub App was uninstalled on GitHub; install it again to reconnect.";

    /// <summary>
    /// Disconnects the connection, deletes the stored token of its installation (GitHub revoked it with the installation)
    /// and writes the audit line, in <paramref name="tx"/> when given. Returns whether the connection changed.
    /// </summary>
    public static async Task<bool> DisconnectAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid connectionId, long installationId,
        string learnedFrom, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            WITH c AS (
                UPDATE connections SET status = 'disconnected', status_reason = $3, updated_at = $4
                WHERE id = $1 AND github_installation_id = $2 AND status IN ('active', 'needs_reauthorization')
                RETURNING id, tenant_id, github_app_id
            ), tokens AS (
                DELETE FROM github_installation_tokens t USING c
                WHERE t.installation_id = $2 AND t.github_app_id IS NOT DISTINCT FROM c.github_app_id
            ), logged AS (
                INSERT INTO audit_log (tenant_id, actor, action, target, detail, occurred_at)
                SELECT tenant_id, 'system', 'connection.uninstalled', 'connection:' || id::text, $5, $4 FROM c
            )
            SELECT count(*) FROM c
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = connectionId });
        cmd.Parameters.Add(new() { Value = installationId });
        cmd.Parameters.Add(new() { Value = Reason });
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = $"installation {installationId}: {learnedFrom}" });
        return (long)(await cmd.ExecuteScalarAsync(ct))! > 0;
    }
}
