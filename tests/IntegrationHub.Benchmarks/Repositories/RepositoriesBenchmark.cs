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
using Microsoft.Playwright;
using Npgsql;

namespace IntegrationHub.Benchmarks.Repositories;

/// <summary>
/// <c>repositories</c>: N repositories on one connection (hooks and poll rows in mixed states, other tenants holding as
/// many), the hub on Kestrel and a durable PostgreSQL. Measures, as a signed-in owner, the Repositories page over HTTP
/// (its prerendered shell with the connection's counts: first request of the fresh host, cold, then warm) and the list query the dashboard's data grid
/// binds to (<see cref="RepositoryQuery"/>: first page cold, next page, a filtered page, sorted by last delivery), each
/// then warm as the median of repeated runs; then in headless Chromium the first rows shown, the circuit up, and a click
/// on "Next page" until its rows show. Prints <c>RESULT repositories ...</c> lines.
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
            var cookies = new CookieContainer();
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = new Uri(hub.Urls.First()) };
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
            // The prerendered page: the connection panel with its counts; the grid's rows come on the circuit (below).
            const string registered = "id=\"hooks-registered\"";
            await TimeAsync("page_first_cold", 1, () => GetAsync(browser, page, registered));
            await TimeAsync("page_first", rounds, () => GetAsync(browser, page, registered));

            var query = new RepositoryListRequest(connection, Take: 50);
            var filtered = query with { Filter = new RepositoryFilter("repo-0", RepositoryHookStates.Failed, RepositoryPollStates.Error, true) };
            var byDelivery = query with { Sort = RepositorySort.LastDelivery, Descending = true };
            await TimeAsync("query_first_cold", 1, () => ListAsync(hub, tenant, query, count));
            await TimeAsync("query_first", rounds, () => ListAsync(hub, tenant, query, count));
            await TimeAsync("query_next", rounds, () => ListAsync(hub, tenant, query with { Skip = 50 }, count));
            await TimeAsync("query_filtered", rounds, () => ListAsync(hub, tenant, filtered, null));
            await TimeAsync("query_sort_last_delivery", rounds, () => ListAsync(hub, tenant, byDelivery, count));
            await TimeAsync("query_last_page", rounds, () => ListAsync(hub, tenant, query with { Skip = count - 50 }, count));
            await InBrowserAsync(hub.Urls.First(), cookies, page, BenchKit.Option(args, "--browser-rounds", 10));
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

    /// <summary>
    /// What a person waits for in Chromium, each round in a new tab: from asking for the page to its circuit answering,
    /// and to the grid's first 50 rows shown (the grid reads them on the circuit); then from a click on "Next page" to
    /// the next 50 rows shown, a round trip on the circuit to the same query.
    /// </summary>
    private static async Task InBrowserAsync(string url, CookieContainer cookies, string address, int rounds)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await BenchKit.ChromiumAsync(playwright);
        var context = await BenchKit.SignedInContextAsync(chromium, url, cookies);
        var shown = new List<double>();
        var live = new List<double>();
        var next = new List<double>();
        var paths = (IPage p) => p.Locator("#repositories tbody a code");
        for (int i = 0; i <= rounds; i++) // round 0 warms the browser's cache of the scripts and is not counted
        {
            var tab = await context.NewPageAsync();
            var clock = Stopwatch.StartNew();
            await tab.GotoAsync(address, new() { WaitUntil = WaitUntilState.Commit });
            await Assertions.Expect(tab.Locator("#main[data-interactive=true]")).ToBeVisibleAsync();
            double interactive = clock.Elapsed.TotalMilliseconds;
            await Assertions.Expect(paths(tab).First).ToHaveTextAsync("org/repo-00001");
            double rows = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            await tab.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
            await Assertions.Expect(paths(tab).First).ToHaveTextAsync("org/repo-00051");
            double paged = clock.Elapsed.TotalMilliseconds;
            await tab.CloseAsync();
            if (i > 0)
            {
                shown.Add(rows);
                live.Add(interactive);
                next.Add(paged);
            }
        }

        await context.CloseAsync();
        Report("browser_interactive", live);
        Report("browser_first_page", shown);
        Report("browser_next_page", next);
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

        Report(phase, times);
    }

    private static void Report(string phase, List<double> times)
    {
        times.Sort();
        Console.WriteLine($"RESULT repositories phase={phase} rounds={times.Count} median_ms={times[times.Count / 2]:F1} min_ms={times[0]:F1} max_ms={times[^1]:F1}");
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
