namespace IntegrationHub.Tests.World;

/// <summary>App connections written straight into the table, as the GitHub App install flow leaves them (its account id and name).</summary>
public sealed partial class HubWorld
{
    /// <summary>
    /// A connection of <paramref name="tenantId"/> through an installation of a GitHub App: the platform app when
    /// <paramref name="githubAppId"/> is null, else the tenant's own app (a github_apps row). No token of its own: installation
    /// tokens are minted for it. <paramref name="baseUrl"/> defaults to the simulator's GitHub.
    /// </summary>
    public async Task<Guid> AppConnectionAsync(Guid tenantId, long installationId, string login, Guid? githubAppId = null, string? baseUrl = null)
    {
        var id = Guid.NewGuid();
        await ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                github_app_id, github_installation_id, created_at, updated_at)
            VALUES ($1, $2, 'github', $3, $4, $5, $6, 'active', 'github_app', $7, $8, now(), now())
            """, id, tenantId, baseUrl ?? (_simUrl is null ? "https://github.com" : _simUrl + "/github"), $"GitHub App · {login}",
            "installation:" + installationId, login, (object?)githubAppId ?? DBNull.Value, installationId);
        return id;
    }
}
