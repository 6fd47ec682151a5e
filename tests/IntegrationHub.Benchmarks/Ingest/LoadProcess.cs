using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace IntegrationHub.Benchmarks.Ingest;

/// <summary>
/// The second process: signs GitHub and GitLab deliveries of real fixture bodies and posts them over loopback with many
/// concurrent connections, each with a fresh delivery id (so each one is stored), for a fixed time; then, from the same
/// process and with the same concurrency, bare single-row inserts of the same bodies into PostgreSQL, as the ceiling; the
/// three take turns for a number of rounds. Writes its results as JSON on stdout.
/// </summary>
internal static class LoadProcess
{
    public static async Task<int> RunAsync(string planPath)
    {
        var plan = JsonSerializer.Deserialize<BenchPlan>(await File.ReadAllTextAsync(planPath))!;
        byte[] github = await File.ReadAllBytesAsync(Path.Combine(plan.FixturesDir, "github", "push.new-branch.json"));
        byte[] gitlab = await File.ReadAllBytesAsync(Path.Combine(plan.FixturesDir, "gitlab", "push_hook.json"));
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = plan.Concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        }) { BaseAddress = new Uri(plan.HubUrl), Timeout = TimeSpan.FromSeconds(30) };

        // Both kinds warmed up before either is measured: the JIT's tiered recompilation goes on for many seconds (a profile
        // showed a third of the hub's CPU in the JIT two seconds in), and it belongs to no phase of a hub that runs for days.
        await HttpPhaseAsync("github", plan, http, github, warmup: true);
        await HttpPhaseAsync("gitlab", plan, http, gitlab, warmup: true);
        // The kinds take turns, round after round, so a slower minute of the shared host (its speed moved hub CPU per
        // delivery by half between runs) falls on all of them alike; each kind's figures sum its rounds.
        await using var db = new NpgsqlDataSourceBuilder(plan.ConnectionString + $";Maximum Pool Size={plan.Concurrency + 4}").Build();
        var insert = await CeilingSetupAsync(plan, db, github);
        var rounds = new List<PhaseResult>();
        for (int round = 0; round < plan.Rounds; round++)
        {
            rounds.Add(await HttpPhaseAsync("github", plan, http, github));
            rounds.Add(await HttpPhaseAsync("gitlab", plan, http, gitlab));
            await CheckpointAsync(plan);
            rounds.Add(await RunAsync(plan.Concurrency, TimeSpan.FromSeconds(plan.Seconds), insert, "bare inserts (ceiling)"));
        }

        var results = rounds.GroupBy(r => r.Name).Select(PhaseResult.Combine).ToList();
        Console.Out.WriteLine(JsonSerializer.Serialize(results));
        return 0;
    }

    private static async Task<PhaseResult> HttpPhaseAsync(string provider, BenchPlan plan, HttpClient http, byte[] body, bool warmup = false)
    {
        // Each hook's credential header computed once: the body never changes, so neither does its signature, and signing
        // is the provider's work on its own machines, not CPU this machine's hub and PostgreSQL should have to share.
        var hooks = plan.Hooks.Where(h => h.Provider == provider).Select(h => new SignedHook(h, Credential(h, body))).ToArray();
        if (!warmup)
        {
            await CheckpointAsync(plan);
        }

        return warmup
            ? await RunAsync(plan.Concurrency, TimeSpan.FromSeconds(8), (i, ct) => PostAsync(http, hooks[i % hooks.Length], body, ct))
            : await RunAsync(plan.Concurrency, TimeSpan.FromSeconds(plan.Seconds), (i, ct) => PostAsync(http, hooks[i % hooks.Length], body, ct), provider + " ingress");
    }

    private static async Task<bool> PostAsync(HttpClient http, SignedHook hook, byte[] body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        string id = Guid.NewGuid().ToString();
        if (hook.Hook.Provider == "github")
        {
            request.Headers.Add("X-GitHub-Event", "push");
            request.Headers.Add("X-GitHub-Delivery", id);
            request.Headers.Add("X-Hub-Signature-256", hook.Credential);
        }
        else
        {
            request.Headers.Add("X-Gitlab-Event", "Push Hook");
            request.Headers.Add("Idempotency-Key", id);
            request.Headers.Add("X-Gitlab-Token", hook.Credential);
        }

        using var response = await http.SendAsync(request, ct);
        return response.StatusCode == HttpStatusCode.Accepted;
    }

    /// <summary>GitHub's signature of the body under the hook's secret; GitLab sends the secret itself.</summary>
    private static string Credential(BenchHook hook, byte[] body) => hook.Provider == "github"
        ? "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(hook.Secret), body))
        : hook.Secret;

    private sealed record SignedHook(BenchHook Hook, string Credential)
    {
        public string Path { get; } = $"/hooks/{Hook.Provider}/{Hook.Id}";
    }

    /// <summary>The ceiling's table and its warmed-up insert: one bare single-row insert of the body, its own transaction.</summary>
    private static async Task<Func<int, CancellationToken, Task<bool>>> CeilingSetupAsync(BenchPlan plan, NpgsqlDataSource db, byte[] body)
    {
        // The body column compressed as the deliveries table's is (migration 0034: lz4 where the server has it), so the
        // ceiling measures the same storage work, not a slower or faster compressor.
        await using (var compression = db.CreateCommand("SELECT attcompression::text FROM pg_attribute WHERE attrelid = 'deliveries'::regclass AND attname = 'body'"))
        {
            string method = (string?)await compression.ExecuteScalarAsync() == "l" ? "lz4" : "pglz";
            await using var create = db.CreateCommand(
                $"CREATE TABLE IF NOT EXISTS bench_ceiling (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, delivery_id text NOT NULL, body bytea COMPRESSION {method} NOT NULL)");
            await create.ExecuteNonQueryAsync();
        }

        async Task<bool> InsertAsync(int _, CancellationToken ct)
        {
            await using var cmd = db.CreateCommand("INSERT INTO bench_ceiling (delivery_id, body) VALUES ($1, $2)");
            cmd.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid().ToString() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = body });
            return await cmd.ExecuteNonQueryAsync(ct) == 1;
        }

        await RunAsync(plan.Concurrency, TimeSpan.FromSeconds(2), InsertAsync);
        return InsertAsync;
    }

    /// <summary>
    /// Each measured phase starts right after a checkpoint: otherwise the WAL written by the phases before triggers one
    /// in the middle of a later phase (the ceiling, which runs last), with the full-page writes that follow it.
    /// </summary>
    private static async Task CheckpointAsync(BenchPlan plan)
    {
        await using var db = NpgsqlDataSource.Create(plan.ConnectionString);
        await using var checkpoint = db.CreateCommand("CHECKPOINT");
        await checkpoint.ExecuteNonQueryAsync();
    }

    /// <summary>Runs <paramref name="concurrency"/> loops of <paramref name="op"/> for <paramref name="duration"/>.</summary>
    private static async Task<PhaseResult> RunAsync(int concurrency, TimeSpan duration, Func<int, CancellationToken, Task<bool>> op, string name = "warmup")
    {
        if (name != "warmup")
        {
            Console.Out.WriteLine($"PHASE start {name}"); // the hub's process reads CPU times at these marks (CpuMeter)
        }

        using var stop = new CancellationTokenSource(duration);
        long ok = 0, failed = 0;
        var latencies = Enumerable.Range(0, concurrency).Select(_ => new Latencies()).ToArray();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            for (int i = worker; !stop.IsCancellationRequested; i += concurrency)
            {
                long t = Stopwatch.GetTimestamp();
                try
                {
                    if (await op(i, CancellationToken.None))
                    {
                        Interlocked.Increment(ref ok);
                        latencies[worker].Add(t);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or NpgsqlException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })));
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (name != "warmup")
        {
            Console.Out.WriteLine($"PHASE end {name}");
        }

        var (p50, p99, max) = Latencies.Summarize(latencies);
        return new PhaseResult(name, ok, failed, seconds, p50, p99, max);
    }
}
