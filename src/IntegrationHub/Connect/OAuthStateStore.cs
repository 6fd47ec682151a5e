using Npgsql;

namespace IntegrationHub.Connect;

/// <summary>
/// oauth_states: the server half of a connect flow. <see cref="ConsumeAsync"/> takes a row at most once, and only
/// for the tenant, user and provider it was made for, before it expires: a replayed or late callback gets nothing.
/// </summary>
public sealed class OAuthStateStore(NpgsqlDataSource db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public async Task SaveAsync(PendingAuthorization p, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO oauth_states (id, tenant_id, user_id, provider, auth_kind, base_url, client_id, client_secret_protected,
                ca_bundle_pem, code_verifier_protected, redirect_uri, created_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            """);
        object?[] values = [p.Id, p.TenantId, p.UserId, p.Provider, p.AuthKind, p.BaseUrl, p.ClientId, p.ClientSecretProtected,
            p.CaBundlePem, p.CodeVerifierProtected, p.RedirectUri, clock.GetUtcNow(), p.ExpiresAt];
        foreach (object? v in values)
        {
            cmd.Parameters.Add(v is null ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new NpgsqlParameter { Value = v });
        }

        await cmd.ExecuteNonQueryAsync(ct);
        // Old rows have no use left; a day of them is kept for anyone investigating a failed connect.
        await using var purge = db.CreateCommand("DELETE FROM oauth_states WHERE expires_at < $1");
        purge.Parameters.Add(new() { Value = clock.GetUtcNow() - TimeSpan.FromDays(1) });
        await purge.ExecuteNonQueryAsync(ct);
    }

    public async Task<PendingAuthorization?> ConsumeAsync(Guid id, Guid tenantId, Guid userId, string provider, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE oauth_states SET consumed_at = $5
            WHERE id = $1 AND tenant_id = $2 AND user_id = $3 AND provider = $4 AND consumed_at IS NULL AND expires_at > $5
            RETURNING id, tenant_id, user_id, provider, auth_kind, base_url, client_id, client_secret_protected,
                ca_bundle_pem, code_verifier_protected, redirect_uri, expires_at
            """);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = tenantId });
        cmd.Parameters.Add(new() { Value = userId });
        cmd.Parameters.Add(new() { Value = provider });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }

        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new PendingAuthorization(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3), r.GetString(4), r.GetString(5),
            r.GetString(6), Text(7), Text(8), Text(9), r.GetString(10), r.GetFieldValue<DateTimeOffset>(11));
    }
}
