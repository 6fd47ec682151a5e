using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Jobs;
using IntegrationHub.Local;
using IntegrationHub.Secrets;
using IntegrationHub.Transport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Benchmarks.Mention;

/// <summary>
/// The end-to-end time from a simulated "@hub-bot hello" comment to the mention bot's answer on the same pull request,
/// in the local default as it runs (embedded PostgreSQL, simulator, hub with its worker, bot; real HTTP at every hop):
/// simulator webhook → hub ingest → outbound fan-out → signed webhook → bot → reply API → provider write. Comments go
/// one at a time, each after the previous answer. Prints <c>RESULT mention ...</c>.
/// </summary>
internal static class MentionBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // RESULT lines are read by machines
        int rounds = BenchKit.Option(args, "--rounds", 20);
        string dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ihub-mention-" + Guid.NewGuid().ToString("n")[..8])).FullName;
        await using var pg = await EmbeddedPostgres.StartAsync(Path.Combine(dir, "pg"), EmbeddedPostgres.FreePort(), throwaway: true, CancellationToken.None);
        await LocalDatabase.EnsureCreatedAsync(pg, "mention", CancellationToken.None);
        string Free() => $"http://127.0.0.1:{EmbeddedPostgres.FreePort()}";
        await using var stack = await LocalStack.StartAsync(pg.ConnectionString("mention"), dir, ["--Logging:LogLevel:Default=Warning"],
            CancellationToken.None, (Free(), Free(), Free()));
        if (stack.BotProblem is { } problem)
        {
            Console.Error.WriteLine($"the mention bot did not start: {problem}");
            return 1;
        }

        await using var db = NpgsqlDataSource.Create(pg.ConnectionString("mention"));
        using var sim = new HttpClient { BaseAddress = new Uri(stack.SimulatorUrl) };
        var connection = await ConnectGitHubAsync(stack, db, sim);
        if (!await UntilAsync(() => HookReadyAsync(db, connection), TimeSpan.FromMinutes(2)))
        {
            Console.Error.WriteLine("the demo repository's hook was never registered");
            return 1;
        }

        var times = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            int answersBefore = await AnswersAsync(sim, stack.Threads.GitHubPull);
            var clock = Stopwatch.StartNew();
            using (var comment = await sim.PostAsJsonAsync("/_sim/events/comment", new
            {
                provider = "github", repo = DemoThreads.DemoRepository, on = "pull", number = stack.Threads.GitHubPull, body = $"@hub-bot hello {round}",
            }))
            {
                comment.EnsureSuccessStatusCode();
            }

            if (!await UntilAsync(async () => await AnswersAsync(sim, stack.Threads.GitHubPull) > answersBefore, TimeSpan.FromSeconds(60)))
            {
                Console.Error.WriteLine($"round {round}: no answer within 60 s");
                return 1;
            }

            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        Console.WriteLine($"RESULT mention rounds={rounds} p50_ms={P(0.5):F0} p95_ms={P(0.95):F0} min_ms={times[0]:F0} max_ms={times[^1]:F0} cores={Environment.ProcessorCount}");
        return 0;
    }

    private static async Task<Guid> ConnectGitHubAsync(LocalStack stack, NpgsqlDataSource db, HttpClient sim)
    {
        using var response = await sim.PostAsJsonAsync("/_sim/tokens", new { provider = "github", scopes = Array.Empty<string>() });
        response.EnsureSuccessStatusCode();
        string token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        var id = Guid.NewGuid();
        await BenchKit.ExecAsync(db, """
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                access_token_protected, created_at, updated_at)
            VALUES ($1, $2, 'github', $3, 'github (bench)', $4, 'octocat', 'active', 'pat', $5, now(), now())
            """, id, stack.Credentials.DemoTenantId, stack.SimulatorUrl + "/github", Guid.NewGuid().ToString("N"),
            stack.HubServices.GetRequiredService<ISecretProtector>().Protect(token));
        await stack.HubServices.GetRequiredService<JobStarter>().DiscoverAsync(id, CancellationToken.None);
        return id;
    }

    private static async Task<bool> HookReadyAsync(NpgsqlDataSource db, Guid connection)
    {
        await using var cmd = db.CreateCommand("""
            SELECT count(*) FROM hooks h JOIN repositories r ON r.id = h.repository_id
            WHERE h.connection_id = $1 AND r.full_path = $2 AND h.status = 'registered'
            """);
        cmd.Parameters.Add(new() { Value = connection });
        cmd.Parameters.Add(new() { Value = DemoThreads.DemoRepository });
        return (long)(await cmd.ExecuteScalarAsync())! > 0;
    }

    private static async Task<int> AnswersAsync(HttpClient sim, int number)
    {
        var all = JsonNode.Parse(await sim.GetStringAsync($"/_sim/comments?provider=github&repo={DemoThreads.DemoRepository}"))!.AsArray();
        return all.Count(c => (string?)c!["on"] == "pull" && (int?)c["number"] == number
            && ((string?)c["body"] ?? "").Contains("hub-bot here", StringComparison.Ordinal));
    }

    private static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        for (var until = DateTime.UtcNow + limit; DateTime.UtcNow < until; await Task.Delay(20))
        {
            if (await condition())
            {
                return true;
            }
        }

        return await condition();
    }
}
