using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IntegrationHub.Hosting;
using IntegrationHub.Local;
using IntegrationHub.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.Benchmarks.Ingest;

/// <summary>
/// <c>ingest</c>: sustained signed GitHub and GitLab deliveries per second accepted and committed, with acknowledgement latency
/// p50/p99, against the hub (web host on Kestrel, loopback) and a durable PostgreSQL (fsync and synchronous_commit on, as in
/// production) on this machine; load from a second process. The same process also measures bare single-row inserts of the
/// same bodies into the same PostgreSQL with the same concurrency: the ceiling the ingress can approach. Prints both and the ratio,
/// as a table and as <c>RESULT ingest provider=… per_s=… ceiling_per_s=… ratio=… p99_ms=…</c> lines.
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 2 && args[0] == "--load")
        {
            return await LoadProcess.RunAsync(args[1]);
        }

        int seconds = BenchKit.Option(args, "--seconds", 10), concurrency = BenchKit.Option(args, "--concurrency", 32), hookCount = BenchKit.Option(args, "--hooks", 200);
        int rounds = BenchKit.Option(args, "--rounds", 3);
        string dir = Path.Combine(Path.GetTempPath(), "ihub-bench-" + Guid.NewGuid().ToString("n")[..8]);
        var pg = await EmbeddedPostgres.StartAsync(dir, EmbeddedPostgres.FreePort(), throwaway: false, CancellationToken.None);
        try
        {
            string cs = pg.ConnectionString();
            string url = $"http://127.0.0.1:{EmbeddedPostgres.FreePort()}";
            await using var hub = BuildHub(cs, url);
            await hub.MigrateHubAsync();
            hub.MapHubWeb();
            var hooks = await SeedAsync(cs, hub.Services.GetRequiredService<ISecretProtector>(), hookCount);
            await hub.StartAsync();

            string planPath = Path.Combine(dir, "plan.json");
            await File.WriteAllTextAsync(planPath, JsonSerializer.Serialize(new BenchPlan(url, cs, seconds, rounds, concurrency, BenchKit.FixturesDir(), hooks)));
            Console.WriteLine($"ingest benchmark: {Environment.ProcessorCount} cores, {concurrency} concurrent connections, {rounds} rounds of {seconds} s per phase, {hookCount} hooks per provider");
            int postmasterPid = int.Parse(File.ReadLines(Path.Combine(dir, "postmaster.pid")).First());
            var (results, cpu) = await RunLoadProcessAsync(planPath, postmasterPid);
            long stored = await BenchKit.CountAsync(cs, "SELECT count(*) FROM deliveries");
            await hub.StopAsync();
            Print(results, cpu, stored, concurrency);
            return 0;
        }
        finally
        {
            await pg.StopAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static WebApplication BuildHub(string cs, string url)
    {
        // Named after the single-machine host, whose static-web-assets manifest (the dashboard's CSS) is in this output folder.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "IntegrationHub.Local" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = cs,
            ["Hub:PublicBaseUrl"] = url,
        });
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        if (Environment.GetEnvironmentVariable("IHUB_BENCH_INLINE") == "1")
        {
            builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
        }
        builder.AddHubWeb();
        return builder.Build();
    }

    /// <summary>One tenant, one connection per provider, and <paramref name="count"/> repositories with a hook each.</summary>
    private static async Task<List<BenchHook>> SeedAsync(string cs, ISecretProtector protector, int count)
    {
        await using var db = NpgsqlDataSource.Create(cs);
        var tenant = Guid.NewGuid();
        await BenchKit.ExecAsync(db, "INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, 'Bench', 'bench', now())", tenant);
        var hooks = new List<BenchHook>();
        foreach (string provider in new[] { "github", "gitlab" })
        {
            var connection = Guid.NewGuid();
            await BenchKit.ExecAsync(db, """
                INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, created_at, updated_at)
                VALUES ($1, $2, $3, 'http://127.0.0.1:1', 'bench', $3, 'bench', 'active', 'pat', now(), now())
                """, connection, tenant, provider);
            for (int i = 0; i < count; i++)
            {
                Guid repository = Guid.NewGuid(), hook = Guid.NewGuid();
                string secret = SecretGenerator.New();
                await BenchKit.ExecAsync(db, """
                    INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, first_seen_at, last_seen_at)
                    VALUES ($1, $2, $3, $4, $5, now(), now())
                    """, repository, tenant, connection, repository.ToString(), $"bench/{provider}-{i}");
                await BenchKit.ExecAsync(db, """
                    INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, url, secret_protected, status, created_at, updated_at)
                    VALUES ($1, $2, $3, $4, $5, 'http://bench', $6, 'registered', now(), now())
                    """, hook, tenant, connection, repository, provider, protector.Protect(secret));
                hooks.Add(new BenchHook(hook, provider, secret));
            }
        }

        return hooks;
    }

    private static async Task<(List<PhaseResult> Results, Dictionary<string, (double Hub, double Postgres, double Load)> Cpu)> RunLoadProcessAsync(
        string planPath, int postmasterPid)
    {
        string self = typeof(IngestBenchmark).Assembly.Location;
        string host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        // The hub runs here with the server GC of its hosts (the Web SDK's default, set in this project too); the load
        // process is a client of the provider's, the same for all three phases, and keeps the workstation GC.
        start.Environment["DOTNET_gcServer"] = "0";
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(self);
        }

        foreach (string arg in new[] { "ingest", "--load", planPath })
        {
            start.ArgumentList.Add(arg);
        }

        using var load = Process.Start(start)!;
        var meter = new CpuMeter(postmasterPid, load);
        string last = "";
        while (await load.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("PHASE start ", StringComparison.Ordinal))
            {
                meter.Start(line["PHASE start ".Length..]);
            }
            else if (line.StartsWith("PHASE end ", StringComparison.Ordinal))
            {
                meter.Stop(line["PHASE end ".Length..]);
            }
            else if (line.Length > 0)
            {
                last = line;
            }
        }

        await load.WaitForExitAsync();
        if (load.ExitCode != 0)
        {
            throw new InvalidOperationException($"the load process failed with exit code {load.ExitCode}");
        }

        return (JsonSerializer.Deserialize<List<PhaseResult>>(last)!, meter.Spent);
    }

    private static void Print(List<PhaseResult> results, Dictionary<string, (double Hub, double Postgres, double Load)> cpu, long stored, int connections)
    {
        Console.WriteLine($"{"phase",-24} {"ok",9} {"failed",7} {"per s",9} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Name,-24} {r.Ok,9} {r.Failed,7} {r.PerSecond,9:F0} {r.P50Ms,8:F2} {r.P99Ms,8:F2} {r.MaxMs,8:F1}"));
        }

        double ceiling = results[^1].PerSecond;
        foreach (var r in results.Take(results.Count - 1))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name}: {r.PerSecond / ceiling:P0} of the bare-insert ceiling"));
        }

        Console.WriteLine($"{"CPU per delivery or row, µs",-28} {"hub",8} {"postgres",9} {"load",8}");
        foreach (var r in results)
        {
            var c = Cpu(cpu, r);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name,-28} {c.Hub,8:F0} {c.Postgres,9:F0} {c.Load,8:F0}"));
        }

        Console.WriteLine($"deliveries rows stored (including warm-up): {stored}");
        foreach (var r in results.Take(results.Count - 1))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT ingest provider={r.Name.Split(' ')[0]} connections={connections} per_s={r.PerSecond:F0} ceiling_per_s={ceiling:F0} ratio={r.PerSecond / ceiling:F2} "
                + $"ok={r.Ok} failed={r.Failed} p50_ms={r.P50Ms:F1} p99_ms={r.P99Ms:F1} max_ms={r.MaxMs:F1} hub_cpu_us={Cpu(cpu, r).Hub:F0} "
                + $"postgres_cpu_us={Cpu(cpu, r).Postgres:F0} load_cpu_us={Cpu(cpu, r).Load:F0} load_average=\"{BenchKit.LoadAverage()}\""));
        }

        var bare = results[^1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT ingest provider=bare_insert connections={connections} per_s={bare.PerSecond:F0} p50_ms={bare.P50Ms:F1} p99_ms={bare.P99Ms:F1} max_ms={bare.MaxMs:F1} "
            + $"postgres_cpu_us={Cpu(cpu, bare).Postgres:F0} load_cpu_us={Cpu(cpu, bare).Load:F0}"));
    }

    /// <summary>CPU microseconds per acknowledged delivery (or row) of the phase, per process.</summary>
    private static (double Hub, double Postgres, double Load) Cpu(Dictionary<string, (double Hub, double Postgres, double Load)> cpu, PhaseResult r)
    {
        var (hub, pg, load) = cpu.GetValueOrDefault(r.Name);
        double per = 1e6 / Math.Max(1, r.Ok);
        return (hub * per, pg * per, load * per);
    }
}
