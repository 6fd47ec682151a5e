using System.Diagnostics;
using System.Globalization;
using IntegrationHub.Hosting;
using IntegrationHub.Local;
using IntegrationHub.Outbound;
using IntegrationHub.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Benchmarks.Fanout;

/// <summary>
/// <c>fanout</c>: N stored events of one tenant, S subscriptions to every kind pointing at a local Kestrel receiver that
/// answers 204, and the worker's own <see cref="OutboundLoop"/> (fan-out and sender, default options) against a durable
/// PostgreSQL (fsync on, as in production) until every (event, subscription) is delivered: events fanned out per second,
/// deliveries per second. Then a trickle of single-event transactions at a steady rate gives the event-to-delivery
/// latency (recorded_at to delivered_at) with the loop idle between events. Prints <c>RESULT fanout ...</c> lines.
/// </summary>
internal static class FanoutBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // RESULT lines are read by machines
        int events = BenchKit.Option(args, "--events", 20_000), subscriptions = BenchKit.Option(args, "--subscriptions", 10);
        int rate = BenchKit.Option(args, "--trickle-rate", 20), trickleSeconds = BenchKit.Option(args, "--trickle-seconds", 15);
        int timeout = BenchKit.Option(args, "--timeout-seconds", 1800);
        string? external = Array.IndexOf(args, "--connection-string") is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        string dir = Path.Combine(Path.GetTempPath(), "ihub-fanoutbench-" + Guid.NewGuid().ToString("n")[..8]);
        var pg = external is null ? await EmbeddedPostgres.StartAsync(dir, EmbeddedPostgres.FreePort(), throwaway: false, CancellationToken.None) : null;
        try
        {
            string cs = external ?? pg!.ConnectionString();
            await using var receiver = await FanoutReceiver.StartAsync(EmbeddedPostgres.FreePort());
            await using var hub = BuildHost(cs);
            await hub.MigrateHubAsync();
            await using var db = NpgsqlDataSource.Create(cs);
            var (tenant, repository) = await FanoutBenchDb.SeedTenantAsync(db);
            string secret = hub.Services.GetRequiredService<ISecretProtector>().Protect(SubscriptionSecrets.New());
            await FanoutBenchDb.SeedSubscriptionsAsync(db, tenant, receiver.Url, subscriptions, secret);
            var seeding = Stopwatch.StartNew();
            await FanoutBenchDb.InsertEventsAsync(db, tenant, repository, 1, events);
            var o = hub.Services.GetRequiredService<IOptions<OutboundOptions>>().Value;
            Console.WriteLine($"fanout benchmark: {events} events ({seeding.Elapsed.TotalSeconds:F1} s to store), {subscriptions} subscriptions to every kind, "
                + $"{Environment.ProcessorCount} cores; send batch {o.SendBatch}, {o.MaxInFlightPerSubscription} in flight per subscription, fan-out batch {o.FanOutBatch}");

            using var stop = new CancellationTokenSource();
            var loop = ActivatorUtilities.CreateInstance<OutboundLoop>(hub.Services);
            var self = Process.GetCurrentProcess();
            var cpu = self.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            // The loop as a Hangfire server runs it on a worker node, minus the server: run until the token is cancelled.
            var running = loop.RunAsync(stop.Token);
            long expected = (long)events * subscriptions;
            double? fannedOut = null, delivered = null, mostDelivered = null;
            long peak = 0, deliveredCount = 0;
            while (delivered is null && clock.Elapsed.TotalSeconds < timeout)
            {
                await Task.Delay(250);
                self.Refresh();
                peak = Math.Max(peak, self.WorkingSet64);
                fannedOut ??= await FanoutBenchDb.ScalarAsync(db, "SELECT count(*) FROM outbound_deliveries") >= expected ? clock.Elapsed.TotalSeconds : null;
                deliveredCount = await FanoutBenchDb.ScalarAsync(db, "SELECT count(*) FROM outbound_deliveries WHERE status = 'delivered'");
                // 99 %: a delivery whose attempt timed out on a loaded machine waits for its retry (5 s, then 5 min, ...).
                mostDelivered ??= deliveredCount >= expected * 0.99 ? clock.Elapsed.TotalSeconds : null;
                delivered ??= deliveredCount >= expected ? clock.Elapsed.TotalSeconds : null;
            }

            double cpuSeconds = (self.TotalProcessorTime - cpu).TotalSeconds;
            long retried = await FanoutBenchDb.ScalarAsync(db, "SELECT count(*) FROM outbound_deliveries WHERE attempts > 1 OR status <> 'delivered'");
            long posts = FanoutReceiver.Requests;
            Console.WriteLine(($"RESULT fanout phase=backlog events={events} subscriptions={subscriptions} deliveries={expected} "
                + $"fanout_seconds={fannedOut ?? double.NaN:F1} events_fanned_out_per_s={events / (fannedOut ?? double.NaN):F0} "
                + $"delivery_seconds={delivered ?? double.NaN:F1} deliveries_per_s={expected / (delivered ?? double.NaN):F0} "
                + $"events_delivered_to_all_per_s={events / (delivered ?? double.NaN):F0} delivered={deliveredCount} "
                + $"delivery_99pct_seconds={mostDelivered ?? double.NaN:F1} deliveries_per_s_to_99pct={expected * 0.99 / (mostDelivered ?? double.NaN):F0} receiver_posts={posts} not_first_try={retried} "
                + $"cpu_seconds={cpuSeconds:F1} peak_working_set_mib={Math.Max(peak, self.PeakWorkingSet64) / 1048576}"));

            await TrickleAsync(db, tenant, repository, events + 1, rate, trickleSeconds, subscriptions, timeout);
            self.Refresh();
            Console.WriteLine(($"RESULT fanout phase=end peak_working_set_mib={self.PeakWorkingSet64 / 1048576} gc_heap_mib={GC.GetGCMemoryInfo().HeapSizeBytes / 1048576}"));
            await stop.CancelAsync();
            await running;
            return delivered is null ? 1 : 0;
        }
        finally
        {
            if (pg is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await pg.StopAsync();
                try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }

    /// <summary>One event per transaction at a steady rate while the loop runs; then each delivery's lag behind its event.</summary>
    private static async Task TrickleAsync(NpgsqlDataSource db, Guid tenant, Guid repository, int first, int rate, int seconds, int subscriptions, int timeout)
    {
        int count = Math.Max(1, rate * seconds);
        long afterId = await FanoutBenchDb.ScalarAsync(db, "SELECT coalesce(max(id), 0) FROM events");
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / Math.Max(1, rate)));
        for (int n = 0; n < count && await tick.WaitForNextTickAsync(); n++)
        {
            await FanoutBenchDb.InsertEventsAsync(db, tenant, repository, first + n, 1);
        }

        var deadline = Stopwatch.StartNew();
        string done = $"SELECT count(*) FROM outbound_deliveries WHERE status = 'delivered' AND event_id > {afterId}";
        while (await FanoutBenchDb.ScalarAsync(db, done) < (long)count * subscriptions && deadline.Elapsed.TotalSeconds < timeout)
        {
            await Task.Delay(250);
        }

        await using var cmd = db.CreateCommand($"""
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms), count(*)
            FROM (SELECT extract(epoch FROM d.delivered_at - e.recorded_at) * 1000 AS ms
                  FROM outbound_deliveries d JOIN events e ON e.id = d.event_id WHERE d.event_id > {afterId} AND d.status = 'delivered') x
            """);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        Console.WriteLine(($"RESULT fanout phase=trickle rate_per_s={rate} events={count} deliveries={r.GetInt64(3)} "
            + $"latency_p50_ms={r.GetDouble(0):F0} latency_p99_ms={r.GetDouble(1):F0} latency_max_ms={r.GetDouble(2):F0}"));
    }

    private static WebApplication BuildHost(string cs)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = cs,
            ["Hub:PublicBaseUrl"] = "http://127.0.0.1:9",
            ["Hub:Security:AllowedPrivateHosts:0"] = "127.0.0.1", // the receiver listens on loopback
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHubCore();
        return builder.Build();
    }
}
