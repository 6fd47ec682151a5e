using System.Text.Json.Nodes;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Actions;

/// <summary>
/// What the action tests seed on a <see cref="HubWorld"/> with the simulator: tenants with an API key, and a connection
/// holding a PAT the simulator issued (stored protected as connect would) with the repository row discovery would store;
/// then pull requests, issues and pushes at the simulator, and what the simulator recorded.
/// </summary>
public sealed class ActionsSim(HubWorld world)
{
    /// <summary>A new tenant with an API key (every scope unless named); the client sends the key.</summary>
    public async Task<TenantKey> TenantAsync(string name, params string[] scopes)
    {
        var id = Guid.NewGuid();
        await world.ExecAsync("INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, $2, $3, now())", id, name, "t-" + id.ToString("N")[..12]);
        string keyName = name + "-bot";
        string key = await ApiKeys.CreateAsync(world.Hub.Services, id, keyName, scopes);
        return new TenantKey(id, keyName, ApiKeys.Client(world.Hub, key));
    }

    /// <summary>
    /// A repository at the simulator (owned by <paramref name="owner"/>, visible to <paramref name="visibleTo"/>) and,
    /// for the tenant, a connection with a PAT of <paramref name="user"/> and the repository row discovery would store.
    /// </summary>
    public async Task<ActionsRepo> RepositoryAsync(TenantKey tenant, string provider, string name, string? user = null,
        string? owner = null, string[]? scopes = null, string[]? visibleTo = null, bool withToken = true)
    {
        user ??= "u-" + Guid.NewGuid().ToString("N")[..8];
        owner ??= user;
        await world.ControlAsync("users", new { provider, login = user });
        await world.ControlAsync("users", new { provider, login = owner });
        string token = (string)(await world.ControlAsync("tokens", new { provider, user, scopes = scopes ?? [] }))["token"]!;
        (string ns, string? project) = HubWorld.SimOwnerOf(provider);
        JsonNode repo = await world.ControlAsync("repos", new { provider, owner = ns, project, name, user = owner, visibleTo = (visibleTo ?? []).Append(user).ToArray() });
        string fullName = (string)repo["fullName"]!;
        var (externalId, hubPath, baseUrl) = world.HubAddressOf(provider, repo, ns, project, name);
        var connectionId = Guid.NewGuid();
        var repositoryId = Guid.NewGuid();
        object protectedToken = withToken ? world.Hub.Services.GetRequiredService<ISecretProtector>().Protect(token) : DBNull.Value;
        await world.ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, access_token_protected, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8, $9, now(), now())
            """, connectionId, tenant.TenantId, provider, baseUrl, provider + " test", $"{user}:{name}", user, withToken ? "pat" : "webhook_only", protectedToken);
        await world.ExecAsync("""
            INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, default_branch, project_id, first_seen_at, last_seen_at)
            VALUES ($1, $2, $3, $4, $5, 'main', $6, now(), now())
            """, repositoryId, tenant.TenantId, connectionId, externalId, hubPath, (object?)project ?? DBNull.Value);
        return new ActionsRepo(provider, fullName, externalId, hubPath, project, baseUrl, token, user, connectionId, repositoryId);
    }

    /// <summary>Opens a pull request as the repository's owner would; returns its number and head commit.</summary>
    public async Task<(int Number, string Sha)> PullRequestAsync(ActionsRepo repo)
    {
        var e = await world.ControlAsync("events/pull-request-open", new { provider = repo.Provider, repo = repo.FullName, title = "Change" });
        return ((int)e["number"]!, (string)e["sha"]!);
    }

    public async Task<int> IssueAsync(ActionsRepo repo) =>
        (int)(await world.ControlAsync("events/issue-open", new { provider = repo.Provider, repo = repo.FullName, title = "Bug" }))["number"]!;

    public async Task<string> PushAsync(ActionsRepo repo) =>
        (string)(await world.ControlAsync("events/push", new { provider = repo.Provider, repo = repo.FullName }))["sha"]!;

    /// <summary>The comments the simulator holds for the repository (written by anyone), oldest first.</summary>
    public async Task<JsonArray> CommentsAsync(ActionsRepo repo) =>
        (JsonArray)JsonNode.Parse(await world.Sim.GetStringAsync($"/_sim/comments?provider={repo.Provider}&repo={Uri.EscapeDataString(repo.FullName)}"))!;

    public async Task<JsonArray> StatusesAsync(ActionsRepo repo) =>
        (JsonArray)JsonNode.Parse(await world.Sim.GetStringAsync($"/_sim/statuses?provider={repo.Provider}&repo={Uri.EscapeDataString(repo.FullName)}"))!;

    public async Task<List<string>> AuditAsync(Guid tenantId) => await world.QueryAsync(
        "SELECT action || '|' || actor || '|' || coalesce(target, '') || '|' || coalesce(detail, '') FROM audit_log WHERE tenant_id = $1 AND action LIKE '%.posted' OR tenant_id = $1 AND action = 'status.set' ORDER BY id",
        tenantId);
}
