using System.Diagnostics;
using System.Globalization;
using System.Net;
using IntegrationHub.Data;
using IntegrationHub.Hosting;
using IntegrationHub.Local;
using IntegrationHub.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.Benchmarks.Repositories;

/// <summary>
/// <c>repositories</c>: N repositories on one connection (hooks and poll rows in mixed states, other tenants holding as
/// many), the hub on Kestrel and a durable PostgreSQL. Measures, as a signed-in owner, the Repositories page over HTTP
/// (first request of the fresh host, cold; the next page; a filtered page) and the list query the dashboard's data grid
/// binds to (<see cref="RepositoryQuery"/>: first page cold, next page, a filtered page, sorted by last delivery), each
/// then warm as the median of repeated runs. Prints <c>RESULT repositories ...</c> lines.
/// </summary>
internal static class RepositoriesBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // RESULT lines are read by machines
        int count = BenchKit.Option(args, "--repos", 10_000), others = BenchKit.Option(args, "--other-tenants", 2), rounds = BenchKit.Option(args, "--rounds", 20);
        string dir = Path.Combine(Path.GetTempPath(), "ihub-reposbench-" + Guid.NewGuid().ToString("n")[..8]);
        var pg = await EmbeddedPostgres.StartAsync(dir, EmbeddedPostgres.FreePort(), throwaway: false, CancellationToken.None);
        try
        {
            string cs = pg.ConnectionString();
            await using var hub = await BenchKit.StartWebHubAsync(cs, []);
            await using var db = NpgsqlDataSource.Create(cs);
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(hub.Urls.First()) };
            await BenchKit.SignUpAsync(browser);
            await using var tenantCmd = db.CreateCommand("SELECT tenant_id FROM memberships LIMIT 1");
            var tenant = (Guid)(await tenantCmd.ExecuteScalarAsync())!;
            var seeding = Stopwatch.StartNew();
            var connection = await RepositoriesBenchDb.SeedAsync(db, tenant, count);
            for (int i = 0; i < others; i++)
            {
                await RepositoriesBenchDb.SeedAsync(db, await RepositoriesBenchDb.TenantAsync(db, $"Other {i + 1}"), count);
            }

            Console.WriteLine($"repositories benchmark: {count} repositories on one connection, {others} other tenants with as many "
                + $"({seeding.Elapsed.TotalSeconds:F1} s to seed), {Environment.ProcessorCount} cores, load average {BenchKit.LoadAverage()}");

            string page = $"/repositories?connection={connection}";
            await TimeAsync("page_first_cold", 1, () => GetAsync(browser, page, "org/repo-00001"));
            await TimeAsync("page_first", rounds, () => GetAsync(browser, page, "org/repo-00001"));
            await TimeAsync("page_next", rounds, () => GetAsync(browser, page + "&page=2", "org/repo-00101"));
            await TimeAsync("page_filtered", rounds, () => GetAsync(browser, page + "&q=repo-099", "org/repo-09901"));

            var query = new RepositoryListRequest(connection, Take: 50);
            var filtered = query with { Filter = new RepositoryFilter("repo-0", RepositoryHookStates.Failed, RepositoryPollStates.Error, true) };
            var byDelivery = query with { Sort = RepositorySort.LastDelivery, Descending = true };
            await TimeAsync("query_first_cold", 1, () => ListAsync(hub, tenant, query, count));
            await TimeAsync("query_first", rounds, () => ListAsync(hub, tenant, query, count));
            await TimeAsync("query_next", rounds, () => ListAsync(hub, tenant, query with { Skip = 50 }, count));
            await TimeAsync("query_filtered", rounds, () => ListAsync(hub, tenant, filtered, null));
            await TimeAsync("query_sort_last_delivery", rounds, () => ListAsync(hub, tenant, byDelivery, count));
            await TimeAsync("query_last_page", rounds, () => ListAsync(hub, tenant, query with { Skip = count - 50 }, count));
            Console.WriteLine($"RESULT repositories phase=end load_average=\"{BenchKit.LoadAverage()}\" working_set_mib={Process.GetCurrentProcess().WorkingSet64 / 1048576}");
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await pg.StopAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task TimeAsync(string phase, int rounds, Func<Task> run)
    {
        var times = new List<double>();
        for (int i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"RESULT repositories phase={phase} rounds={rounds} median_ms={times[times.Count / 2]:F1} min_ms={times[0]:F1} max_ms={times[^1]:F1}");
    }

    private static async Task GetAsync(HttpClient browser, string url, string expected)
    {
        string html = await browser.GetStringAsync(url);
        if (!html.Contains(expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{url} did not show {expected}");
        }
    }

    private static async Task ListAsync(WebApplication hub, Guid tenant, RepositoryListRequest request, int? total)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(Guid.Empty, "bench", false, tenant, "Bench", "owner");
        var page = await scope.ServiceProvider.GetRequiredService<RepositoryQuery>().ListAsync(request, CancellationToken.None);
        if (page.Rows.Count == 0 || (total is { } t && page.Total != t))
        {
            throw new InvalidOperationException($"the query returned {page.Rows.Count} rows of {page.Total}");
        }
    }
}
