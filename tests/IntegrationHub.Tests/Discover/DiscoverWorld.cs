using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Hosting;
using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess;
using IntegrationHub.ProviderSim;
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

namespace IntegrationHub.Tests.Discover;

/// <summary>
/// The simulator over HTTP, one database with a tenant, and worker hosts (Hangfire servers on this database, the real jobs) started and
/// stopped by the test. Connections are written straight into the database with a PAT the simulator issued.
/// </summary>
public sealed class DiscoverWorld : IAsyncDisposable
{
    private readonly WebApplication _sim;
    private readonly List<WebApplication> _workers = [];

    private DiscoverWorld(WebApplication sim, string simUrl, string cs)
    {
        _sim = sim;
        SimUrl = simUrl;
        ConnectionString = cs;
        Sim = new HttpClient { BaseAddress = new Uri(simUrl) };
        Db = NpgsqlDataSource.Create(cs);
    }

    public string SimUrl { get; }
    public string ConnectionString { get; }
    public HttpClient Sim { get; }
    public NpgsqlDataSource Db { get; }
    public Guid TenantId { get; } = Guid.NewGuid();
    public CallCounter Calls { get; } = new();

    /// <summary>Deliveries go nowhere by default (a closed port): these tests look at hooks, not ingestion.</summary>
    public string PublicBaseUrl { get; init; } = "http://127.0.0.1:9";

    public static async Task<DiscoverWorld> StartAsync()
    {
        var sim = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], o =>
        {
            o.DeliveryRetryDelay = TimeSpan.FromMilliseconds(20);
            o.DeliveryTimeout = TimeSpan.FromSeconds(2);
        });
        await sim.StartAsync();
        string simUrl = sim.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        string cs = await TestPostgres.CreateDatabaseAsync();
        var world = new DiscoverWorld(sim, simUrl, cs);
        await world.ExecAsync("INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, 'Discover', $2, now())",
            world.TenantId, "d-" + world.TenantId.ToString("N")[..8]);
        return world;
    }

    /// <summary>A worker node: AddHubCore + AddHubWorker (Hangfire on this database), poll off; <paramref name="services"/> may replace some (a clock).</summary>
    public async Task<WebApplication> StartWorkerAsync(string nodeId, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = ConnectionString,
            ["Hub:PublicBaseUrl"] = PublicBaseUrl,
            ["Hub:Security:AllowedPrivateHosts:0"] = new Uri(SimUrl).Authority, // the simulator listens on loopback
            ["Hub:Worker:NodeId"] = nodeId,
            ["Hub:Worker:HeartbeatSeconds"] = "5",
            ["Hub:Poll:Enabled"] = "false",
            ["Hub:Jobs:InvisibilitySeconds"] = "30",
            ["Hub:Hooks:ReconcileMinutes"] = "0",
            ["urls"] = "http://127.0.0.1:0",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []); // a later source overrides the defaults above
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHubCore();
        builder.AddHubWorker();
        builder.Services.AddHttpClient(ConnectionApis.HttpClientName).AddHttpMessageHandler(() => new CallCounter.Handler(Calls));
        services?.Invoke(builder.Services);
        var worker = builder.Build();
        await worker.MigrateHubAsync();
        await worker.StartAsync();
        _workers.Add(worker);
        return worker;
    }

    public async Task StopWorkerAsync(WebApplication worker)
    {
        _workers.Remove(worker);
        await worker.StopAsync();
        await worker.DisposeAsync();
    }

    public ISecretProtector Protector(WebApplication worker) => worker.Services.GetRequiredService<ISecretProtector>();

    public async Task<JsonNode> ControlAsync(string path, object body)
    {
        using var response = await Sim.PostAsJsonAsync("/_sim/" + path, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /_sim/{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task FaultAsync(string provider, object? settings)
    {
        using var response = settings is null
            ? await Sim.DeleteAsync($"/_sim/faults/{provider}")
            : await Sim.PutAsJsonAsync($"/_sim/faults/{provider}", settings);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonArray> SimHooksAsync(string provider) =>
        (JsonArray)JsonNode.Parse(await Sim.GetStringAsync($"/_sim/hooks?provider={provider}"))!;

    /// <summary>Seeds repositories and a PAT, and stores a connection with it (discovery queued as connect would).</summary>
    public async Task<(Guid ConnectionId, string Token)> ConnectAsync(WebApplication anyHost, string provider, int owners, int reposPerOwner,
        string basePath, bool enqueue = true)
    {
        if (owners * reposPerOwner > 0)
        {
            await ControlAsync("seed", new { provider, owners, reposPerOwner });
        }

        string token = (string)(await ControlAsync("tokens", new { provider, scopes = Array.Empty<string>() }))["token"]!;
        var id = Guid.NewGuid();
        await ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                access_token_protected, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, 'demo', 'active', 'pat', $7, now(), now())
            """, id, TenantId, provider, SimUrl + basePath, provider + " (sim)", Guid.NewGuid().ToString("N"), Protector(anyHost).Protect(token));
        if (enqueue)
        {
            await anyHost.Services.GetRequiredService<JobStarter>().DiscoverAsync(id, CancellationToken.None);
        }

        return (id, token);
    }

    /// <summary>Queues a discovery of <paramref name="connectionId"/> as connect and refresh do.</summary>
    public Task DiscoverAsync(WebApplication anyHost, Guid connectionId) =>
        anyHost.Services.GetRequiredService<JobStarter>().DiscoverAsync(connectionId, CancellationToken.None);

    /// <summary>Queues hook work for every repository of the connection, in batches as the planner does.</summary>
    public async Task HookBatchesAsync(WebApplication anyHost, Guid connectionId, params Guid[] repositoryIds)
    {
        if (repositoryIds.Length == 0)
        {
            await using var cmd = Db.CreateCommand("SELECT id FROM repositories WHERE connection_id = $1 ORDER BY id");
            cmd.Parameters.Add(new() { Value = connectionId });
            await using var reader = await cmd.ExecuteReaderAsync();
            var ids = new List<Guid>();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }

            repositoryIds = [.. ids];
        }

        await anyHost.Services.GetRequiredService<JobStarter>().HookBatchesAsync(connectionId, repositoryIds, 32, CancellationToken.None);
    }

    public async Task ExecAsync(string sql, params object[] args)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Polls a condition (not a timing assertion: the limit only keeps a broken run from hanging).</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, int seconds = 90)
    {
        for (var until = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < until;)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return await condition();
    }

    public Task<bool> HooksSettledAsync(Guid connectionId, long expected, int seconds = 90) => EventuallyAsync(async () =>
        await ScalarAsync<string>("SELECT discovery_status FROM connections WHERE id = $1", connectionId) == "done"
        && await ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'registered'", connectionId) == expected, seconds);

    /// <summary>
    /// Pushes to <paramref name="path"/> while its hook's deliveries go to a closed port (the world's public base URL):
    /// from the 4th consecutive failure GitLab disables the hook, so five pushes leave it disabled.
    /// </summary>
    public async Task FailGitLabDeliveriesUntilDisabledAsync(string path)
    {
        for (int i = 0; i < 5; i++)
        {
            await ControlAsync("events/push", new { provider = "gitlab", repo = path });
            await Sim.PostAsync("/_sim/deliveries/wait?timeoutMs=20000", null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers.ToList())
        {
            await StopWorkerAsync(worker);
        }

        Sim.Dispose();
        await Db.DisposeAsync();
        await _sim.StopAsync();
        await _sim.DisposeAsync();
    }
}
