using System.Diagnostics;
using System.Globalization;
using IntegrationHub.Hosting;
using IntegrationHub.Local;
using IntegrationHub.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.Benchmarks.Ingress;

/// <summary>
/// <c>ingress</c>: what the webhook ingress sustains under abuse on this machine, against the hub on Kestrel (loopback) and a
/// durable PostgreSQL. Phases: valid GitHub deliveries to one hook with no per-hook limit (what one hook can take), then with
/// the default limits (where the limit bites); unknown hook ids sprayed with the per-address limit off (cost, and rows written:
/// should be none), forged signatures from one address with the default limits; and slow uploads that declare large bodies and trickle them (the hub's memory meanwhile).
/// Prints one <c>RESULT</c> line per phase.
/// </summary>
internal static class IngressBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int seconds = BenchKit.Option(args, "--seconds", 10), concurrency = BenchKit.Option(args, "--concurrency", 16), slow = BenchKit.Option(args, "--slow-uploads", 200);
        string dir = Path.Combine(Path.GetTempPath(), "ihub-bench-" + Guid.NewGuid().ToString("n")[..8]);
        var pg = await EmbeddedPostgres.StartAsync(dir, EmbeddedPostgres.FreePort(), throwaway: false, CancellationToken.None);
        try
        {
            string cs = pg.ConnectionString();
            byte[] body = await File.ReadAllBytesAsync(Path.Combine(BenchKit.FixturesDir(), "github", "push.new-branch.json"));
            var duration = TimeSpan.FromSeconds(seconds);
            Console.WriteLine($"ingress benchmark: {Environment.ProcessorCount} cores, {concurrency} concurrent connections, {seconds} s per phase");

            // Limits off: the ceiling of one hook, and the raw cost of unknown ids.
            await using (var hub = await BenchKit.StartWebHubAsync(cs, new() { ["Hub:Ingest:Ingress:HookBurst"] = "0", ["Hub:Ingest:Ingress:AddressRejectionBurst"] = "0" }))
            {
                var (hookId, secret) = await SeedHookAsync(cs, hub);
                using var http = Client(hub);
                var (codes, s) = await IngressLoad.RunAsync(http, concurrency, duration, () => IngressLoad.GitHubPush(hookId, secret, body));
                Report("one_hook_unlimited", codes, s);

                long writesBefore = await BenchKit.CountAsync(cs, WritesSql);
                (codes, s) = await IngressLoad.RunAsync(http, concurrency, duration, () => IngressLoad.GitHubPush(Guid.NewGuid(), secret, body));
                long writes = await BenchKit.CountAsync(cs, WritesSql) - writesBefore;
                long countedBeforeStop = await BenchKit.CountAsync(cs, UnknownSql);
                await hub.StopAsync(); // flushes the rejection counts
                Report("unknown_ids_unlimited", codes, s, $"rows_added={writes} unknown_counted_by_periodic_flushes={countedBeforeStop} unknown_counted_after_final_flush={await BenchKit.CountAsync(cs, UnknownSql)}");
            }

            // Default limits: the per-hook bucket and the per-address rejection budget at work.
            await using (var hub = await BenchKit.StartWebHubAsync(cs, []))
            {
                var (hookId, secret) = await SeedHookAsync(cs, hub);
                using var http = Client(hub);
                var (codes, s) = await IngressLoad.RunAsync(http, concurrency, duration, () => IngressLoad.GitHubPush(hookId, secret, body));
                Report("one_hook_default_limit", codes, s);
                // Forged signatures to a hook this address never delivered to (one it had would vouch for it): the budget at work.
                var (other, _) = await SeedHookAsync(cs, hub);
                (codes, s) = await IngressLoad.RunAsync(http, concurrency, duration, () => IngressLoad.GitHubPush(other, "not-the-secret", body));
                Report("forged_signatures_default_limit", codes, s);
            }

            await using (var hub = await BenchKit.StartWebHubAsync(cs, []))
            {
                var (hookId, _) = await SeedHookAsync(cs, hub);
                await SlowUploadsAsync(hub, hookId, slow, duration);
            }

            return 0;
        }
        finally
        {
            await pg.StopAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Rows the ingress could have added (deliveries, rejection counters) and the unknown-hook count; flushes add to the count only.</summary>
    private const string WritesSql = "SELECT (SELECT count(*) FROM deliveries) + (SELECT count(*) FROM delivery_rejections)";

    private const string UnknownSql = "SELECT coalesce(sum(count), 0)::bigint FROM delivery_rejections WHERE reason = 'unknown_hook'";

    private static async Task SlowUploadsAsync(WebApplication hub, Guid hookId, int connections, TimeSpan duration)
    {
        const long declared = 25L * 1024 * 1024 - 1024;
        long heapBefore = HeapBytes();
        using var stop = new CancellationTokenSource();
        var uploads = IngressLoad.SlowUploads(new Uri(hub.Urls.First()), hookId, connections, declared, 1024, stop.Token);
        var watch = Stopwatch.StartNew();
        long peak = heapBefore;
        while (watch.Elapsed < duration)
        {
            await Task.Delay(500);
            peak = Math.Max(peak, HeapBytes());
        }

        long heapAtEnd = HeapBytes();
        await stop.CancelAsync();
        await Task.WhenAll(uploads);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT phase=slow_uploads connections={connections} declared_mib_total={connections * declared / (1024 * 1024)} seconds={duration.TotalSeconds:F0} heap_mib_before={heapBefore / 1048576.0:F1} heap_mib_peak={peak / 1048576.0:F1} heap_mib_end={heapAtEnd / 1048576.0:F1} working_set_mib={Process.GetCurrentProcess().WorkingSet64 / 1048576.0:F0}"));
    }

    private static long HeapBytes()
    {
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static void Report(string phase, Dictionary<int, long> codes, double seconds, string extra = "")
    {
        long total = codes.Values.Sum();
        string byCode = string.Join(" ", codes.OrderBy(c => c.Key).Select(c => $"http_{c.Key}={c.Value}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT phase={phase} requests_per_s={total / seconds:F0} accepted_per_s={codes.GetValueOrDefault(202) / seconds:F1} {byCode} {extra}").TrimEnd());
    }

    private static HttpClient Client(WebApplication hub) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
    {
        BaseAddress = new Uri(hub.Urls.First()),
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static async Task<(Guid Hook, string Secret)> SeedHookAsync(string cs, WebApplication hub)
    {
        await using var db = NpgsqlDataSource.Create(cs);
        Guid tenant = Guid.NewGuid(), connection = Guid.NewGuid(), repository = Guid.NewGuid(), hook = Guid.NewGuid();
        string secret = SecretGenerator.New();
        await BenchKit.ExecAsync(db, "INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, 'Bench', $2, now())", tenant, "bench-" + tenant.ToString("n")[..8]);
        await BenchKit.ExecAsync(db, """
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, created_at, updated_at)
            VALUES ($1, $2, 'github', 'http://127.0.0.1:1', 'bench', $3, 'bench', 'active', 'pat', now(), now())
            """, connection, tenant, connection.ToString());
        await BenchKit.ExecAsync(db, """
            INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, first_seen_at, last_seen_at)
            VALUES ($1, $2, $3, $4, 'bench/ingress', now(), now())
            """, repository, tenant, connection, repository.ToString());
        await BenchKit.ExecAsync(db, """
            INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, url, secret_protected, status, created_at, updated_at)
            VALUES ($1, $2, $3, $4, 'github', 'http://bench', $5, 'registered', now(), now())
            """, hook, tenant, connection, repository, hub.Services.GetRequiredService<ISecretProtector>().Protect(secret));
        return (hook, secret);
    }
}
