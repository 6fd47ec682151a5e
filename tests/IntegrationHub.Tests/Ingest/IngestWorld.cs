using IntegrationHub.Secrets;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Tests.Ingest;

/// <summary>Creates tenant, connection, repository and hook rows directly in a test's database, as discovery would have.</summary>
internal sealed class IngestWorld(HubFactory hub)
{
    public HubFactory Hub { get; } = hub;

    public NpgsqlDataSource Db { get; } = NpgsqlDataSource.Create(hub.ConnectionString);

    public async Task<Guid> TenantAsync(string name)
    {
        var id = Guid.NewGuid();
        await ExecAsync("INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, $2, $3, now())", id, name, "t-" + id.ToString("n")[..12]);
        return id;
    }

    /// <summary>A connection, a repository and a registered hook with <paramref name="secret"/> (and optionally a previous one).</summary>
    public async Task<TestHook> HookAsync(Guid tenantId, string provider, string secret, string? previousSecret = null,
        DateTimeOffset? previousExpiresAt = null, string repositoryPath = "acme/widgets", string? externalId = null,
        string connectionStatus = "active", string hookStatus = "registered", bool attachRepository = true)
    {
        var protector = Hub.Services.GetRequiredService<ISecretProtector>();
        var connectionId = Guid.NewGuid();
        var repositoryId = Guid.NewGuid();
        var hookId = Guid.NewGuid();
        string? basicUser = provider == "azure-devops" ? "ihub-" + hookId.ToString("N") : null;
        await ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, created_at, updated_at)
            VALUES ($1, $2, $3, 'http://127.0.0.1:1', 'test', $4, 'tester', $5, 'pat', now(), now())
            """, connectionId, tenantId, provider, connectionId.ToString(), connectionStatus);
        await ExecAsync("""
            INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, first_seen_at, last_seen_at)
            VALUES ($1, $2, $3, $4, $5, now(), now())
            """, repositoryId, tenantId, connectionId, externalId ?? repositoryId.ToString(), repositoryPath);
        await ExecAsync("""
            INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, url, secret_protected, previous_secret_protected,
                               previous_secret_expires_at, basic_username, status, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), now())
            """, hookId, tenantId, connectionId, attachRepository ? repositoryId : DBNull.Value, provider, $"http://hub.test/hooks/{provider}/{hookId}", protector.Protect(secret),
            previousSecret is null ? DBNull.Value : protector.Protect(previousSecret), (object?)previousExpiresAt ?? DBNull.Value,
            (object?)basicUser ?? DBNull.Value, hookStatus);
        return new TestHook(hookId, tenantId, connectionId, repositoryId, provider, secret, basicUser);
    }

    /// <summary>Writes the rejections the web host counted in memory now, instead of waiting for its periodic flush.</summary>
    public Task FlushRejectionsAsync() => IngressClients.FlushRejectionsAsync(Hub);

    public async Task ExecAsync(string sql, params object[] args)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string sql, params object[] args)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    public async Task<string?> ScalarAsync(string sql, params object[] args)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        return (await cmd.ExecuteScalarAsync())?.ToString();
    }
}
