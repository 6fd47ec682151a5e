using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Tests.Actions;

/// <summary>
/// The provider simulator over real HTTP and the hub's web host on its own database. Tenants, connections (a PAT the
/// simulator issued, stored protected as connect would) and repository rows are written straight into the database,
/// as discovery would have left them; tests then call the API with a key of the tenant.
/// </summary>
public sealed class ActionsWorld : IAsyncDisposable
{
    private readonly WebApplication _sim;

    private ActionsWorld(WebApplication sim, string simUrl, string cs)
    {
        _sim = sim;
        SimUrl = simUrl;
        Sim = new HttpClient { BaseAddress = new Uri(simUrl) };
        Db = NpgsqlDataSource.Create(cs);
        Hub = new HubFactory(cs, new Dictionary<string, string?>
        {
            ["Hub:Security:AllowedPrivateHosts:0"] = new Uri(simUrl).Authority, // the simulator listens on loopback
        });
    }

    public string SimUrl { get; }
    public HttpClient Sim { get; }
    public NpgsqlDataSource Db { get; }
    public HubFactory Hub { get; }

    public static async Task<ActionsWorld> StartAsync()
    {
        var sim = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            o => o.DeliveryRetryDelay = TimeSpan.FromMilliseconds(50));
        await sim.StartAsync();
        string simUrl = sim.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        var world = new ActionsWorld(sim, simUrl, await TestPostgres.CreateDatabaseAsync());
        _ = world.Hub.Server; // start the hub now, not inside the first test
        return world;
    }

    /// <summary>A new tenant with an API key (every scope unless named); the client sends the key.</summary>
    public async Task<TenantKey> TenantAsync(string name, params string[] scopes)
    {
        var id = Guid.NewGuid();
        await ExecAsync("INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, $2, $3, now())", id, name, "t-" + id.ToString("N")[..12]);
        string keyName = name + "-bot";
        string key = await ApiKeys.CreateAsync(Hub.Services, id, keyName, scopes);
        return new TenantKey(id, keyName, ApiKeys.Client(Hub, key));
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
        await ControlAsync("users", new { provider, login = user });
        await ControlAsync("users", new { provider, login = owner });
        string token = (string)(await ControlAsync("tokens", new { provider, user, scopes = scopes ?? [] }))["token"]!;
        (string ns, string? project) = provider switch { "bitbucket-dc" => ("PRJ", null), "azure-devops" => ("org1", "proj1"), _ => ("acme", (string?)null) };
        JsonNode repo = await ControlAsync("repos", new { provider, owner = ns, project, name, user = owner, visibleTo = (visibleTo ?? []).Append(user).ToArray() });
        string fullName = (string)repo["fullName"]!;
        string externalId = provider switch
        {
            "bitbucket-cloud" => "{" + (string)repo["uuid"]! + "}",
            "azure-devops" => (string)repo["uuid"]!,
            _ => ((long)repo["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        string hubPath = provider == "azure-devops" ? $"{project}/{name}" : fullName;
        string baseUrl = provider switch { "azure-devops" => $"{SimUrl}/azure-devops/{ns}", "bitbucket-cloud" => $"{SimUrl}/bitbucket", _ => $"{SimUrl}/{provider}" };
        var connectionId = Guid.NewGuid();
        var repositoryId = Guid.NewGuid();
        object protectedToken = withToken ? Hub.Services.GetRequiredService<ISecretProtector>().Protect(token) : DBNull.Value;
        await ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, access_token_protected, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8, $9, now(), now())
            """, connectionId, tenant.TenantId, provider, baseUrl, provider + " test", $"{user}:{name}", user, withToken ? "pat" : "webhook_only", protectedToken);
        await ExecAsync("""
            INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, default_branch, project_id, first_seen_at, last_seen_at)
            VALUES ($1, $2, $3, $4, $5, 'main', $6, now(), now())
            """, repositoryId, tenant.TenantId, connectionId, externalId, hubPath, (object?)project ?? DBNull.Value);
        return new ActionsRepo(provider, fullName, externalId, hubPath, project, baseUrl, token, user, connectionId, repositoryId);
    }

    public async Task<JsonNode> ControlAsync(string path, object body)
    {
        using var response = await Sim.PostAsJsonAsync("/_sim/" + path, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /_sim/{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Opens a pull request as the repository's owner would; returns its number and head commit.</summary>
    public async Task<(int Number, string Sha)> PullRequestAsync(ActionsRepo repo)
    {
        var e = await ControlAsync("events/pull-request-open", new { provider = repo.Provider, repo = repo.FullName, title = "Change" });
        return ((int)e["number"]!, (string)e["sha"]!);
    }

    public async Task<int> IssueAsync(ActionsRepo repo) =>
        (int)(await ControlAsync("events/issue-open", new { provider = repo.Provider, repo = repo.FullName, title = "Bug" }))["number"]!;

    public async Task<string> PushAsync(ActionsRepo repo) =>
        (string)(await ControlAsync("events/push", new { provider = repo.Provider, repo = repo.FullName }))["sha"]!;

    /// <summary>The comments the simulator holds for the repository (written by anyone), oldest first.</summary>
    public async Task<JsonArray> CommentsAsync(ActionsRepo repo) =>
        (JsonArray)JsonNode.Parse(await Sim.GetStringAsync($"/_sim/comments?provider={repo.Provider}&repo={Uri.EscapeDataString(repo.FullName)}"))!;

    public async Task<JsonArray> StatusesAsync(ActionsRepo repo) =>
        (JsonArray)JsonNode.Parse(await Sim.GetStringAsync($"/_sim/statuses?provider={repo.Provider}&repo={Uri.EscapeDataString(repo.FullName)}"))!;

    public async Task FaultAsync(string provider, object? settings)
    {
        using var response = settings is null
            ? await Sim.DeleteAsync($"/_sim/faults/{provider}")
            : await Sim.PutAsJsonAsync($"/_sim/faults/{provider}", settings);
        response.EnsureSuccessStatusCode();
    }

    public async Task ExecAsync(string sql, params object[] args)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        }

        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<List<string>> AuditAsync(Guid tenantId) => await QueryAsync(
        "SELECT action || '|' || actor || '|' || coalesce(target, '') || '|' || coalesce(detail, '') FROM audit_log WHERE tenant_id = $1 AND action LIKE '%.posted' OR tenant_id = $1 AND action = 'status.set' ORDER BY id",
        tenantId);

    public async Task<List<string>> QueryAsync(string sql, params object[] args)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        }

        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await r.ReadAsync())
        {
            rows.Add(Convert.ToString(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        Sim.Dispose();
        await Db.DisposeAsync();
        await _sim.StopAsync();
        await _sim.DisposeAsync();
    }
}
