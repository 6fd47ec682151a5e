using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace IntegrationHub.Benchmarks.Poll;

/// <summary>
/// One webhook per repository, as a watched repository has in production: created in the simulator through GitHub's
/// REST API (its ping fails, nothing listens at the hook URL) and stored as our registered hook, so each poll also runs
/// the delivery sweep (one billed call per repository at most every 10 minutes).
/// </summary>
internal static class PollBenchHooks
{
    /// <summary>
    /// Creates the hooks in the simulator, before latency is turned on; returns each repository's hook id by full path.
    /// Each connection's token creates its own share, at most 75 in any minute: GitHub allows 80 creations a minute per
    /// token (and 500 an hour), and the simulator may enforce it. 100 hooks per token therefore take a little over a minute.
    /// </summary>
    public static async Task<Dictionary<string, long>> CreateAsync(string simUrl, IReadOnlyList<string> tokens, PollBenchOptions o)
    {
        using var api = new HttpClient { BaseAddress = new Uri(simUrl.TrimEnd('/') + "/github/api/v3/") };
        int perOwner = Math.Min(o.Repositories, 1000);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        var shares = Enumerable.Range(1, o.Repositories).GroupBy(n => n % tokens.Count);
        await Parallel.ForEachAsync(shares, new ParallelOptions { MaxDegreeOfParallelism = tokens.Count }, async (share, ct) =>
        {
            var window = Stopwatch.StartNew();
            int inWindow = 0;
            foreach (int n in share)
            {
                if (inWindow == 75)
                {
                    await Task.Delay(TimeSpan.FromSeconds(61) - window.Elapsed is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, ct);
                    (window, inWindow) = (Stopwatch.StartNew(), 0);
                }

                inWindow++;
                string path = $"org{1 + (n - 1) / perOwner}/repo{1 + (n - 1) % perOwner}";
                using var request = new HttpRequestMessage(HttpMethod.Post, $"repos/{path}/hooks")
                {
                    Content = JsonContent.Create(new
                    {
                        name = "web", active = true, events = new[] { "*" },
                        config = new { url = "http://127.0.0.1:9/hooks/github", content_type = "json", secret = "bench-secret" },
                    }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[share.Key]);
                using var response = await api.SendAsync(request, ct);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"creating the hook of {path} (token {share.Key}, {inWindow} in its window) answered "
                        + $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                }

                long id = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["id"]!.GetValue<long>();
                lock (ids)
                {
                    ids[path] = id;
                }
            }
        });
        return ids;
    }

    /// <summary>Stores each repository's hook as registered, so the poller passes its id to the reader.</summary>
    public static async Task StoreAsync(NpgsqlDataSource db, Dictionary<string, long> hooks, string protectedSecret)
    {
        await PollBenchDb.ExecAsync(db, """
            INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, provider_hook_id, url, secret_protected, status,
                               registered_at, created_at, updated_at)
            SELECT gen_random_uuid(), r.tenant_id, r.connection_id, r.id, 'github', h.hook_id, 'http://127.0.0.1:9/hooks/github', $3,
                   'registered', now(), now(), now()
            FROM unnest($1::text[], $2::text[]) AS h(full_path, hook_id) JOIN repositories r ON r.full_path = h.full_path
            """, hooks.Keys.ToArray(), hooks.Values.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray(), protectedSecret);
    }
}
