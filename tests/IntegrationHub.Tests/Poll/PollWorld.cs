using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Hosting;
using IntegrationHub.Poll;
using IntegrationHub.ProviderSim;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.Tests.Poll;

/// <summary>The simulator over HTTP, a hub core (no web, no Hangfire server: tests drive poll cycles) on its own database, and seeding helpers.</summary>
internal sealed class PollWorld : IAsyncDisposable
{
    private readonly WebApplication _sim;
    private readonly WebApplication _hub;

    private PollWorld(WebApplication sim, string simUrl, WebApplication hub, string cs)
    {
        _sim = sim;
        _hub = hub;
        SimUrl = simUrl;
        ConnectionString = cs;
        Sim = new HttpClient { BaseAddress = new Uri(simUrl) };
        Db = NpgsqlDataSource.Create(cs);
    }

    public string SimUrl { get; }
    public string ConnectionString { get; }
    public HttpClient Sim { get; }
    public NpgsqlDataSource Db { get; }
    public IServiceProvider Services => _hub.Services;
    public Guid TenantId { get; } = Guid.NewGuid();

    public static async Task<PollWorld> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var sim = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], o => o.DeliveryRetryDelay = TimeSpan.FromMilliseconds(50));
        await sim.StartAsync();
        string simUrl = sim.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        string cs = await TestPostgres.CreateDatabaseAsync();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = cs,
            // Tests make repositories due themselves (MakeDueAsync). A short interval let a cycle that ran long under CI load
            // find a repository due again and poll it twice in one cycle.
            ["Hub:Poll:IntervalSeconds"] = "30",
            ["Hub:Security:AllowedPrivateHosts:0"] = new Uri(simUrl).Authority, // the simulator listens on loopback
        }.Concat(settings ?? []));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHubCore();
        var hub = builder.Build();
        await hub.MigrateHubAsync();
        var world = new PollWorld(sim, simUrl, hub, cs);
        await world.ExecAsync("INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, 'Poll', $2, now())", world.TenantId, "poll-" + world.TenantId.ToString("N")[..8]);
        return world;
    }

    public async Task<JsonNode> ControlAsync(string path, object body)
    {
        using var response = await Sim.PostAsJsonAsync("/_sim/" + path, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /_sim/{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task FaultAsync(string provider, object settings) => (await Sim.PutAsJsonAsync($"/_sim/faults/{provider}", settings)).EnsureSuccessStatusCode();

    public async Task WaitForDeliveriesAsync() => await Sim.PostAsync("/_sim/deliveries/wait?timeoutMs=20000", null);

    /// <summary>A repository at the simulator, a connection with a PAT and the repository row in the hub, and a hook at the simulator.</summary>
    public async Task<SimRepo> AddRepositoryAsync(string provider, string name)
    {
        JsonNode token = await ControlAsync("tokens", new { provider, scopes = Array.Empty<string>() });
        string user = (string)token["user"]!;
        (string owner, string? project) = provider switch { "bitbucket-dc" => ("PRJ", null), "azure-devops" => ("org1", "proj1"), _ => ("acme", (string?)null) };
        JsonNode repo = await ControlAsync("repos", new { provider, owner, project, name, user, visibleTo = new[] { user } });
        string fullName = (string)repo["fullName"]!;
        string externalId = provider switch
        {
            "bitbucket-cloud" => "{" + (string)repo["uuid"]! + "}",
            "azure-devops" => (string)repo["uuid"]!,
            _ => ((long)repo["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        string hubPath = provider == "azure-devops" ? $"{project}/{name}" : fullName;
        string baseUrl = provider switch { "azure-devops" => $"{SimUrl}/azure-devops/{owner}", "bitbucket-cloud" => $"{SimUrl}/bitbucket", _ => $"{SimUrl}/{provider}" };
        var connectionId = Guid.NewGuid();
        var repositoryId = Guid.NewGuid();
        string protectedToken = Services.GetRequiredService<ISecretProtector>().Protect((string)token["token"]!);
        await ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, access_token_protected, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', 'pat', $8, now(), now())
            """, connectionId, TenantId, provider, baseUrl, provider + " test", $"{user}:{name}", user, protectedToken);
        await ExecAsync("""
            INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, default_branch, project_id, first_seen_at, last_seen_at)
            VALUES ($1, $2, $3, $4, $5, 'main', $6, now() - interval '1 minute', now())
            """, repositoryId, TenantId, connectionId, externalId, hubPath, (object?)project ?? DBNull.Value);
        ProviderSlugs.TryParse(provider, out ProviderKind kind);
        var api = ProviderCatalog.For(kind).CreateApi(new HttpClient(), new ProviderConnectionInfo(new Uri(baseUrl), (string)token["token"]!), TimeProvider.System);
        var repoRef = new RepositoryRef(externalId, hubPath, project);
        ProviderHook hook = await api.Hooks.CreateAsync(repoRef, new HookSpec(new Uri("http://127.0.0.1:9/hooks"), "poll-secret-0123456789",
            HookEvents(kind), BasicAuthUsername: "hub"), CancellationToken.None);
        var hookId = Guid.NewGuid();
        await ExecAsync("""
            INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, provider_hook_id, url, secret_protected, status, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, 'http://127.0.0.1:9/hooks', 'x', 'registered', now(), now())
            """, hookId, TenantId, connectionId, repositoryId, provider, hook.Id);
        return new SimRepo(provider, kind, fullName, repositoryId, connectionId, hookId);
    }

    /// <summary>The hub's hook events; on Azure also build.complete, so the script's builds are delivered (and dropped) too.</summary>
    private static IReadOnlyList<string> HookEvents(ProviderKind kind) =>
        kind == ProviderKind.AzureDevOps ? [.. ProviderCatalog.For(kind).Descriptor.DefaultHookEvents, "build.complete"] : ProviderCatalog.For(kind).Descriptor.DefaultHookEvents;

    /// <summary>One poll cycle after an interval has passed: every repository is due.</summary>
    public async Task<IReadOnlyList<(Guid RepositoryId, string Outcome)>> CycleAsync(string node = "node-a")
    {
        await Services.GetRequiredService<PollScheduler>().SyncAsync(CancellationToken.None);
        await MakeDueAsync();
        return await Services.GetRequiredService<PollRunner>().RunCycleAsync(node, CancellationToken.None);
    }

    /// <summary>Makes every repository due now, as if the interval had passed.</summary>
    public Task MakeDueAsync() => ExecAsync("UPDATE poll_state SET next_poll_at = now() - interval '1 second'");

    public async Task ExecAsync(string sql, params object[] args)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        }

        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params object[] args)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        }

        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<T>();
        while (await r.ReadAsync())
        {
            list.Add(read(r));
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        Sim.Dispose();
        await Db.DisposeAsync();
        await _hub.DisposeAsync();
        await _sim.StopAsync();
        await _sim.DisposeAsync();
    }
}
