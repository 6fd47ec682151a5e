using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Hosting;
using IntegrationHub.Jobs;
using IntegrationHub.Local;
using IntegrationHub.ProviderAccess;
using IntegrationHub.ProviderSim;
using IntegrationHub.Secrets;
using IntegrationHub.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.Benchmarks.Discovery;

/// <summary>
/// Seeds N repositories in the simulator, connects them with a PAT, and lets real worker hosts (Hangfire servers on a
/// throwaway PostgreSQL) discover them and register a hook on each. Prints elapsed time and provider calls.
/// </summary>
internal static class DiscoveryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchmarkOptions.Parse(args);
        string dataDir = Path.Combine(Path.GetTempPath(), "ihub-bench-" + Guid.NewGuid().ToString("N")[..8]);
        EmbeddedPostgres? pg = options.ConnectionString is null ? await EmbeddedPostgres.StartAsync(dataDir, EmbeddedPostgres.FreePort(), throwaway: true, CancellationToken.None) : null;
        string cs = options.ConnectionString ?? await CreateDatabaseAsync(pg!);
        var sim = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        await sim.StartAsync();
        string simUrl = sim.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        var calls = new ConcurrentDictionary<string, int>();
        var workers = new List<WebApplication>();
        try
        {
            using var control = new HttpClient { BaseAddress = new Uri(simUrl) };
            int perOwner = Math.Min(options.Repositories, 1000);
            await Post(control, "seed", new { provider = options.SimProvider, owners = options.Repositories / perOwner, reposPerOwner = perOwner });
            string token = (string)(await Post(control, "tokens", new { provider = options.SimProvider, scopes = Array.Empty<string>() }))["token"]!;
            for (int i = 0; i < options.Workers; i++)
            {
                workers.Add(await StartWorkerAsync(cs, $"bench-{i + 1}", calls));
            }

            await using var db = NpgsqlDataSource.Create(cs);
            var (tenant, connection) = (Guid.NewGuid(), Guid.NewGuid());
            await Exec(db, "INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, 'Bench', $2, now())", tenant, "bench-" + tenant.ToString("N")[..8]);
            await Exec(db, """
                INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, access_token_protected, created_at, updated_at)
                VALUES ($1, $2, $3, $4, 'bench', 'bench', 'bench', 'active', 'pat', $5, now(), now())
                """, connection, tenant, options.Provider, simUrl + options.BasePath, workers[0].Services.GetRequiredService<ISecretProtector>().Protect(token));

            Console.WriteLine($"discovery benchmark: {options.Repositories} {options.Provider} repositories, {options.Workers} worker node(s), {Environment.ProcessorCount} cores");
            var clock = Stopwatch.StartNew();
            await workers[0].Services.GetRequiredService<JobStarter>().DiscoverAsync(connection, CancellationToken.None);
            TimeSpan? discovered = null;
            while (true)
            {
                await Task.Delay(250);
                string status = await Scalar<string>(db, "SELECT discovery_status FROM connections WHERE id = $1", connection);
                long hooked = await Scalar<long>(db, "SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'registered'", connection);
                if (status == "done" && discovered is null)
                {
                    discovered = clock.Elapsed;
                    Console.WriteLine($"  discovery done after {discovered.Value.TotalSeconds:F1} s ({await Scalar<int>(db, "SELECT discovered_count FROM connections WHERE id = $1", connection)} repositories)");
                }

                if ((status == "done" && hooked >= options.Repositories) || status == "failed" || clock.Elapsed > TimeSpan.FromMinutes(30))
                {
                    Console.WriteLine($"  hooks registered: {hooked}, failed: {await Scalar<long>(db, "SELECT count(*) FROM hooks WHERE status = 'failed'")}");
                    break;
                }
            }

            clock.Stop();
            long total = calls.Values.Sum();
            Console.WriteLine($"  elapsed: {clock.Elapsed.TotalSeconds:F1} s for discovery and {options.Repositories} hooks");
            Console.WriteLine($"  provider calls: {total} ({(double)total / options.Repositories:F3} per repository)");
            foreach (var (kind, count) in calls.OrderByDescending(kv => kv.Value))
            {
                Console.WriteLine($"    {kind,-28} {count}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  at GitHub's 5,000 calls/hour per token these calls need {total / 5000.0:F1} hours of quota; the simulator does not enforce it and the run sets Hub:Discover:RateLimitReserve=-1 and Hub:Hooks:PaceCreations=false (GitHub allows 500 hook creations an hour)"));
            return 0;
        }
        finally
        {
            foreach (var w in workers)
            {
                await w.StopAsync();
                await w.DisposeAsync();
            }

            await sim.StopAsync();
            await sim.DisposeAsync();
            if (pg is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await pg.StopAsync();
                try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }

    private static async Task<WebApplication> StartWorkerAsync(string cs, string nodeId, ConcurrentDictionary<string, int> calls)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = cs,
            ["Hub:PublicBaseUrl"] = "http://127.0.0.1:9",
            ["Hub:Security:AllowedPrivateHosts:0"] = "127.0.0.1", // the simulator listens on loopback
            ["Hub:Worker:NodeId"] = nodeId,
            ["Hub:Poll:Enabled"] = "false",
            // The simulator reports GitHub's hourly quota but never enforces it: do not wait an hour for its reset.
            ["Hub:Discover:RateLimitReserve"] = "-1",
            // Nor does it enforce GitHub's 80 hook creations a minute here: the benchmark measures the hub, not that pace.
            ["Hub:Hooks:PaceCreations"] = "false",
            ["Hub:Hooks:ReconcileMinutes"] = "0",
            ["urls"] = "http://127.0.0.1:0",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHubCore();
        builder.AddHubWorker();
        builder.Services.AddHttpClient(ConnectionApis.HttpClientName).AddHttpMessageHandler(() => new CountingHandler(calls));
        var worker = builder.Build();
        await worker.MigrateHubAsync();
        await worker.StartAsync();
        return worker;
    }

    private static async Task<string> CreateDatabaseAsync(EmbeddedPostgres pg)
    {
        await using var conn = new NpgsqlConnection(pg.ConnectionString());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("CREATE DATABASE bench", conn);
        await cmd.ExecuteNonQueryAsync();
        return pg.ConnectionString("bench");
    }

    private static async Task<JsonNode> Post(HttpClient control, string path, object body)
    {
        using var response = await control.PostAsJsonAsync("/_sim/" + path, body);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task Exec(NpgsqlDataSource db, string sql, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<T> Scalar<T>(NpgsqlDataSource db, string sql, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
