namespace IntegrationHub.Tests.World;

/// <summary>
/// Rows written straight into the tables, as sign-up, connect and discovery would have left them. Tokens here are
/// placeholders: tests that call a provider seed through the simulator (see <c>HubWorld.Simulator.cs</c>).
/// </summary>
public sealed partial class HubWorld
{
    public async Task<Guid> TenantAsync(string name)
    {
        var id = Guid.NewGuid();
        await ExecAsync("INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, $2, $3, now())", id, name, "t-" + id.ToString("n")[..12]);
        return id;
    }

    public async Task<Guid> ConnectionAsync(Guid tenantId, string provider = "github", string login = "octo")
    {
        var id = Guid.NewGuid();
        await ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                access_token_protected, refresh_token_protected, client_secret_protected, created_at, updated_at)
            VALUES ($1, $2, $3, 'https://git.example.test', $4, '7', $5, 'active', 'oauth_platform',
                'CIPHERTEXT-ACCESS', 'CIPHERTEXT-REFRESH', 'CIPHERTEXT-CLIENT-SECRET', now(), now())
            """, id, tenantId, provider, $"{provider} · {login}", login);
        return id;
    }

    public async Task<Guid> RepositoryAsync(Guid tenantId, Guid connectionId, string fullPath, string externalId)
    {
        var id = Guid.NewGuid();
        await ExecAsync("""
            INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, html_url, watched, first_seen_at, last_seen_at)
            VALUES ($1, $2, $3, $4, $5, 'https://git.example.test/' || $5, true, now(), now())
            """, id, tenantId, connectionId, externalId, fullPath);
        return id;
    }

    public async Task<Guid> HookAsync(Guid tenantId, Guid connectionId, Guid repositoryId, string status)
    {
        var id = Guid.NewGuid();
        await ExecAsync("""
            INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, url, secret_protected, status, created_at, updated_at)
            VALUES ($1, $2, $3, $4, 'github', 'https://hub.example.test/hooks/github/' || $1::text, 'CIPHERTEXT-HOOK', $5, now(), now())
            """, id, tenantId, connectionId, repositoryId, status);
        return id;
    }
}
