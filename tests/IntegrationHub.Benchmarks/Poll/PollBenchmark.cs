using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationHub.Hosting;
using IntegrationHub.Local;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Secrets;
using IntegrationHub.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.Benchmarks.Poll;

/// <summary>
/// N repositories of one provider (<c>--provider</c>, GitHub by default) over C connections, polled by real worker hosts
/// (Hangfire servers, the poll process, a throwaway PostgreSQL) against the simulator in a child process with API latency;
/// GitHub repositories each with a registered webhook (so the delivery sweep runs), the others without. One warm-up
/// cycle, then one measured cycle per node count: repositories polled within the cycle, provider calls per poll (all,
/// and billed: not 304), requests per token against the provider's documented limit, CPU time and memory of this process.
/// </summary>
internal static class PollBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var o = PollBenchOptions.Parse(args);
        string dataDir = Path.Combine(Path.GetTempPath(), "ihub-pollbench-" + Guid.NewGuid().ToString("N")[..8]);
        EmbeddedPostgres? pg = o.ConnectionString is null ? await EmbeddedPostgres.StartAsync(dataDir, EmbeddedPostgres.FreePort(), throwaway: true, CancellationToken.None) : null;
        string cs = o.ConnectionString ?? await PollBenchDb.CreateDatabaseAsync(pg!);
        await using var sim = await SimulatorProcess.StartAsync(o.SecondaryLimits);
        var counter = new CallCounter();
        try
        {
            using var control = new HttpClient { BaseAddress = new Uri(sim.Url) };
            PollBenchProvider p = o.Provider;
            int perOwner = Math.Min(o.Repositories, 1000);
            JsonNode seed = await Post(control, "seed", p.Seed(o.Repositories, perOwner));
            long firstId = (long)seed["sample"]![0]!["id"]!;
            p.Check(seed, perOwner, firstId);
            var repos = Enumerable.Range(1, o.Repositories).Select(n => p.Address(n, perOwner, firstId)).ToList();
            var tokens = new List<string>();
            for (int i = 0; i < o.Connections; i++)
            {
                tokens.Add((string)(await Post(control, "tokens", new { provider = p.SimSlug, scopes = Array.Empty<string>() }))["token"]!);
            }

            // Only GitHub's poll sweeps a hook's deliveries; the other providers' set-up makes no hooks.
            Dictionary<string, long>? hooks = p.IsGitHub ? await PollBenchHooks.CreateAsync(sim.Url, tokens, o) : null;
            (await control.PutAsJsonAsync($"/_sim/faults/{p.SimSlug}", new { latencyMs = o.LatencyMs, apiBudget = p.EnforcedPerMinute })).EnsureSuccessStatusCode();
            await using var db = NpgsqlDataSource.Create(cs);
            Console.WriteLine($"poll benchmark: {o.Repositories} {p.Slug} repositories on {o.Connections} connections, {o.CycleSeconds} s interval, "
                + $"{o.LatencyMs} ms API latency, {Environment.ProcessorCount} cores");
            Console.WriteLine(hooks is null ? "  no webhooks (only the GitHub set-up creates them): no delivery sweep" : $"  {hooks.Count} webhooks, each swept by the poll");
            Console.WriteLine($"  documented limit per token: {p.Limit}");
            bool warm = false;
            foreach (int nodes in o.NodeCounts)
            {
                var hosts = new List<WebApplication>();
                for (int i = 0; i < nodes; i++)
                {
                    hosts.Add(await StartWorkerAsync(cs, $"poll-bench-{nodes}-{i + 1}", o.CycleSeconds, counter));
                }

                if (!warm)
                {
                    var protector = hosts[0].Services.GetRequiredService<ISecretProtector>();
                    await PollBenchDb.SeedAsync(db, p, sim.Url, [.. tokens.Select(protector.Protect)], repos);
                    if (hooks is not null)
                    {
                        await PollBenchHooks.StoreAsync(db, hooks, protector.Protect("bench-secret"));
                    }

                    // First looks read everything and record ETags, cursors and probe marks: at 20,000 repositories more
                    // than one node reads in a cycle, so warm up until every repository was polled and none is overdue.
                    for (int cycle = 1; cycle <= o.WarmUpCycles; cycle++)
                    {
                        if (await MeasureAsync(db, o, nodes, counter, sim, $"warm-up cycle {cycle}: first looks record ETags, cursors, heads and probe marks"
                            + (hooks is null ? string.Empty : ", and each hook's delivery sweep runs")))
                        {
                            break;
                        }
                    }

                    warm = true;
                }

                await MeasureAsync(db, o, nodes, counter, sim, "measured cycle");
                foreach (var h in hosts)
                {
                    await h.StopAsync();
                    await h.DisposeAsync();
                }

                await PollBenchDb.ExecAsync(db, "UPDATE poll_state SET lease_until = NULL, leased_by = NULL");
            }

            return 0;
        }
        finally
        {
            if (pg is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await pg.StopAsync();
                try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }

    /// <summary>Measures one cycle; true when at its end every repository had been polled and none was overdue.</summary>
    private static async Task<bool> MeasureAsync(NpgsqlDataSource db, PollBenchOptions o, int nodes, CallCounter counter, SimulatorProcess sim, string label)
    {
        var self = Process.GetCurrentProcess();
        DateTimeOffset windowStart = DateTimeOffset.UtcNow;
        (long calls, long notModified, long sweeps, long limited, long probes) = (counter.Calls, counter.NotModified, counter.Sweeps, counter.LimitAnswers, counter.Probes);
        counter.Billed.Clear();
        (TimeSpan cpu, TimeSpan simCpu, long allocated) = (self.TotalProcessorTime, sim.Cpu, GC.GetTotalAllocatedBytes());
        await Task.Delay(TimeSpan.FromSeconds(o.CycleSeconds));
        self.Refresh();
        double cpuSeconds = (self.TotalProcessorTime - cpu).TotalSeconds;
        double simSeconds = (sim.Cpu - simCpu).TotalSeconds;
        long polled = await PollBenchDb.ScalarAsync<long>(db, "SELECT count(*) FROM poll_state WHERE last_polled_at >= $1", windowStart);
        long overdue = await PollBenchDb.ScalarAsync<long>(db, "SELECT count(*) FROM poll_state WHERE next_poll_at < now() - interval '5 seconds'");
        long rows = await PollBenchDb.ScalarAsync<long>(db, "SELECT count(*) FROM poll_state");
        long failed = await PollBenchDb.ScalarAsync<long>(db, "SELECT count(*) FROM poll_state WHERE last_polled_at >= $1 AND last_outcome <> 'ok'", windowStart);
        string spread = await PollBenchDb.ScalarAsync<string>(db, """
            SELECT format('never polled %s, next poll in %s..%s s, calls last poll avg %s', count(*) FILTER (WHERE last_polled_at IS NULL),
                round(min(extract(epoch FROM next_poll_at - now()))), round(max(extract(epoch FROM next_poll_at - now()))), round(avg(calls_last_cycle), 1))
            FROM poll_state
            """);
        long never = await PollBenchDb.ScalarAsync<long>(db, "SELECT count(*) FROM poll_state WHERE last_polled_at IS NULL");
        Console.WriteLine($"    schedule: {spread}");
        (long c, long nm, long sw) = (counter.Calls - calls, counter.NotModified - notModified, counter.Sweeps - sweeps);
        var gc = GC.GetGCMemoryInfo();
        double Per(long n) => polled == 0 ? 0 : (double)n / polled;
        Console.WriteLine($"  {nodes} node(s), one {o.CycleSeconds} s cycle ({label}):");
        Console.WriteLine($"    repositories polled within the cycle: {polled} of {o.Repositories} (not ok: {failed}; scheduled: {rows}; overdue at the end: {overdue})");
        Console.WriteLine($"    provider calls: {c} ({Per(c):F2} per repository per cycle, {nm} answered 304; billed, i.e. not 304: {c - nm}, "
            + $"{Per(c - nm):F2} per repository; delivery sweeps: {sw}; GraphQL change probes: {counter.Probes - probes})");
        Console.WriteLine("    billed by endpoint: " + string.Join(", ", ByEndpoint(counter).Take(8).Select(b => $"{b.Key} {b.Value}")));
        double perTokenMinute = (double)c / o.Connections / (o.CycleSeconds / 60.0);
        Console.WriteLine($"    requests per token: {perTokenMinute:F0} a minute (limit: {o.Provider.Limit})");
        Console.WriteLine($"    CPU time of the hub process: {cpuSeconds:F1} s ({cpuSeconds / o.CycleSeconds * 100:F0}% of one core); simulator process: {simSeconds:F1} s");
        Console.WriteLine($"    memory: peak working set {self.PeakWorkingSet64 / 1048576} MiB, GC heap {gc.HeapSizeBytes / 1048576} MiB, "
            + $"allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1048576} MiB in the cycle");
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"RESULT poll provider={o.Provider.Slug} phase={(label.StartsWith("warm-up", StringComparison.Ordinal) ? "warm_up" : "measured")} nodes={nodes} repos={o.Repositories} "
            + $"connections={o.Connections} latency_ms={o.LatencyMs} cycle_s={o.CycleSeconds} polled={polled} overdue={overdue} failed={failed} "
            + $"requests_per_repo={Per(c):F2} billed_per_repo={Per(c - nm):F2} probes={counter.Probes - probes} cpu_core_share={cpuSeconds / o.CycleSeconds:F3} "
            + $"limit_answers={counter.LimitAnswers - limited} secondary_limits={(!o.Provider.IsGitHub ? "n/a" : o.SecondaryLimits ? "on" : "off")} "
            + $"requests_per_token_min={perTokenMinute:F0} limit_enforced={(LimitEnforced(o) ? "yes" : "no")} "
            + $"peak_working_set_mib={self.PeakWorkingSet64 / 1048576} load_average=\"{BenchKit.LoadAverage()}\""));
        return never == 0 && overdue == 0;
    }

    /// <summary>Whether the simulator refuses past a documented per-token limit here: GitHub's secondary limits, GitLab's budget.</summary>
    private static bool LimitEnforced(PollBenchOptions o) => o.Provider.IsGitHub ? o.SecondaryLimits : o.Provider.EnforcedPerMinute is not null;

    /// <summary>
    /// Billed calls by endpoint with the repository's own segments folded (the counter strips GitHub's <c>/repos/{o}/{r}</c>
    /// only): owners, repositories and Azure's uuids (whose leading digits the counter already made <c>{n}</c>) become
    /// placeholders, so the other providers' endpoints add up too.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, long>> ByEndpoint(CallCounter counter) =>
        counter.Billed.GroupBy(b => Regex.Replace(b.Key, "/(org|ORG)[0-9]+|/repo[0-9]+|/[^/]*-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "/{r}"))
            .Select(g => KeyValuePair.Create(g.Key, g.Sum(b => b.Value))).OrderByDescending(b => b.Value);

    private static async Task<WebApplication> StartWorkerAsync(string cs, string nodeId, int intervalSeconds, CallCounter counter)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = cs,
            ["Hub:PublicBaseUrl"] = "http://127.0.0.1:9",
            ["Hub:Security:AllowedPrivateHosts:0"] = "127.0.0.1", // the simulator listens on loopback
            ["Hub:Worker:NodeId"] = nodeId,
            ["Hub:Poll:IntervalSeconds"] = intervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hub:Hooks:ReconcileMinutes"] = "0",
            ["urls"] = "http://127.0.0.1:0",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHubCore();
        builder.AddHubWorker();
        builder.Services.AddHttpClient(ConnectionApis.HttpClientName).AddHttpMessageHandler(counter.Handler);
        var worker = builder.Build();
        await worker.MigrateHubAsync();
        await worker.StartAsync();
        return worker;
    }

    private static async Task<JsonNode> Post(HttpClient control, string path, object body)
    {
        using var response = await control.PostAsJsonAsync("/_sim/" + path, body);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
