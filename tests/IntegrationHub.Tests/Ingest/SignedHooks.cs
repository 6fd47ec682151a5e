using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Tests.Ingest;

/// <summary>
/// Hooks whose deliveries a test signs itself: a PAT connection (no stored token), a repository and a hook with a known
/// secret, written straight into the tables as discovery would have left them.
/// </summary>
internal static class SignedHooks
{
    /// <summary>A connection, a repository and a registered hook with <paramref name="secret"/> (and optionally a previous one).</summary>
    public static Task<TestHook> SignedHookAsync(this HubWorld world, Guid tenantId, string provider, string secret, string? previousSecret = null,
        DateTimeOffset? previousExpiresAt = null, string repositoryPath = "acme/widgets", string? externalId = null,
        string connectionStatus = "active", string hookStatus = "registered", bool attachRepository = true) =>
        AddAsync(world.Db, world.Hub.Services.GetRequiredService<ISecretProtector>(), tenantId, provider, secret, previousSecret, previousExpiresAt,
            repositoryPath, externalId, connectionStatus, hookStatus, attachRepository);

    /// <summary>The same rows in any hub's database, the secrets protected by <paramref name="protector"/>.</summary>
    public static async Task<TestHook> AddAsync(NpgsqlDataSource db, ISecretProtector protector, Guid tenantId, string provider, string secret,
        string? previousSecret = null, DateTimeOffset? previousExpiresAt = null, string repositoryPath = "acme/widgets", string? externalId = null,
        string connectionStatus = "active", string hookStatus = "registered", bool attachRepository = true)
    {
        var connectionId = Guid.NewGuid();
        var repositoryId = Guid.NewGuid();
        var hookId = Guid.NewGuid();
        string? basicUser = provider == "azure-devops" ? "ihub-" + hookId.ToString("N") : null;
        await ExecAsync(db, """
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, created_at, updated_at)
            VALUES ($1, $2, $3, 'http://127.0.0.1:1', 'test', $4, 'tester', $5, 'pat', now(), now())
            """, connectionId, tenantId, provider, connectionId.ToString(), connectionStatus);
        await ExecAsync(db, """
            INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, first_seen_at, last_seen_at)
            VALUES ($1, $2, $3, $4, $5, now(), now())
            """, repositoryId, tenantId, connectionId, externalId ?? repositoryId.ToString(), repositoryPath);
        await ExecAsync(db, """
            INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, url, secret_protected, previous_secret_protected,
                               previous_secret_expires_at, basic_username, status, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), now())
            """, hookId, tenantId, connectionId, attachRepository ? repositoryId : DBNull.Value, provider, $"http://hub.test/hooks/{provider}/{hookId}", protector.Protect(secret),
            previousSecret is null ? DBNull.Value : protector.Protect(previousSecret), (object?)previousExpiresAt ?? DBNull.Value,
            (object?)basicUser ?? DBNull.Value, hookStatus);
        return new TestHook(hookId, tenantId, connectionId, repositoryId, provider, secret, basicUser);
    }

    private static async Task ExecAsync(NpgsqlDataSource db, string sql, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (object arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        await cmd.ExecuteNonQueryAsync();
    }
}
