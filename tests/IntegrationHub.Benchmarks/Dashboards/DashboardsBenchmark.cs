using System.Diagnostics;
using System.Globalization;
using System.Net;
using IntegrationHub.Benchmarks.Repositories;
using IntegrationHub.Events;
using IntegrationHub.Local;
using Microsoft.Playwright;
using Npgsql;

namespace IntegrationHub.Benchmarks.Dashboards;

/// <summary>
/// <c>dashboards</c>: N live dashboards (Playwright pages in one headless Chromium, each on its own Blazor Server
/// circuit) open on the Activity page of one tenant, against one web host on Kestrel and PostgreSQL. Four windows:
/// the hub with no page open, the pages open and idle, events stored at a steady rate (through the hub's EventStore,
/// each one NOTIFYing the pages), and idle again once every page has shown them. Prints <c>RESULT dashboards ...</c> lines: the hub process's CPU and
/// memory (working set and live managed heap), database queries per second caused by the pages, NOTIFYs, and the delay from an event's commit to the
/// moment the first and the last page showed it.
/// </summary>
internal static class DashboardsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // RESULT lines are read by machines
        int pages = BenchKit.Option(args, "--pages", 50), rate = BenchKit.Option(args, "--rate", 10), seconds = BenchKit.Option(args, "--seconds", 60);
        int idleSeconds = BenchKit.Option(args, "--idle-seconds", 15);
        string dir = Path.Combine(Path.GetTempPath(), "ihub-dashbench-" + Guid.NewGuid().ToString("n")[..8]);
        var pg = await EmbeddedPostgres.StartAsync(dir, EmbeddedPostgres.FreePort(), throwaway: true, CancellationToken.None);
        try
        {
            string cs = pg.ConnectionString();
            await using var hub = await BenchKit.StartWebHubAsync(cs, []);
            string url = hub.Urls.First();
            await using var db = NpgsqlDataSource.Create(cs);
            var cookies = new CookieContainer();
            using (var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = new Uri(url) })
            {
                await BenchKit.SignUpAsync(browser);
            }

            await using var tenantCmd = db.CreateCommand("SELECT tenant_id FROM memberships LIMIT 1");
            var tenant = (Guid)(await tenantCmd.ExecuteScalarAsync())!;
            var connection = await RepositoriesBenchDb.SeedAsync(db, tenant, 1);
            await using var repoCmd = db.CreateCommand($"SELECT id FROM repositories WHERE connection_id = '{connection}'");
            var repository = (Guid)(await repoCmd.ExecuteScalarAsync())!;
            var driver = new EventDriver(db, new EventTarget(tenant, connection, repository, null));
            await using var meter = await HubMeter.StartAsync(db);
            Console.WriteLine($"dashboards benchmark: {pages} Activity pages in one headless Chromium, {rate} events/s for {seconds} s, "
                + $"{Environment.ProcessorCount} cores, load average {BenchKit.LoadAverage()}");

            await WindowAsync(meter, "idle_no_pages", idleSeconds, 0);

            using var playwright = await Playwright.CreateAsync();
            await using var chromium = await BenchKit.ChromiumAsync(playwright);
            var context = await BenchKit.SignedInContextAsync(chromium, url, cookies);
            var opening = Stopwatch.StartNew();
            var open = new List<IPage>();
            for (int i = 0; i < pages; i++)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync("/activity", new() { WaitUntil = WaitUntilState.Commit });
                await Assertions.Expect(page.Locator("#main[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 300_000 });
                open.Add(page);
                if (open.Count % 10 == 0)
                {
                    Console.WriteLine($"{open.Count} pages live after {opening.Elapsed.TotalSeconds:F0} s, load average {BenchKit.LoadAverage()}");
                }
            }

            Console.WriteLine($"RESULT dashboards phase=open pages={pages} seconds={opening.Elapsed.TotalSeconds:F1} load_average=\"{BenchKit.LoadAverage()}\"");
            await WindowAsync(meter, "idle_pages", idleSeconds, 0);

            var watched = new[] { open[0], open[^1] };
            foreach (var page in watched)
            {
                await DashboardProbe.InstallAsync(page);
            }

            var committed = new Dictionary<string, long>();
            var start = await meter.SampleAsync();
            var clock = Stopwatch.StartNew();
            int total = rate * seconds;
            for (int n = 1; n <= total; n++)
            {
                // Every rate-th event (one a second) is a probe whose appearance the first and last page record.
                string title = n % rate == 0 ? DashboardProbe.Title(n) : $"dashload-{n:D5}";
                long at = await driver.StoreAsync(n, title, CancellationToken.None);
                if (n % rate == 0)
                {
                    committed[title] = at;
                }

                var due = TimeSpan.FromSeconds((double)n / rate);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }
            }

            var end = await meter.SampleAsync();
            Console.WriteLine($"RESULT dashboards phase=events pages={pages} events={total} {end.Since(start, total)} load_average=\"{BenchKit.LoadAverage()}\"");
            await ReportDelaysAsync("first_page", watched[0], committed);
            await ReportDelaysAsync("last_page", watched[1], committed);
            // The pages caught up and nothing happens: what the circuits keep once their browsers have acknowledged
            // every render, against the memory the events window ended with.
            await WindowAsync(meter, "settled", idleSeconds, 0);
            await context.CloseAsync();
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await pg.StopAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task WindowAsync(HubMeter meter, string phase, int seconds, int ownCommits)
    {
        var start = await meter.SampleAsync();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var end = await meter.SampleAsync();
        Console.WriteLine($"RESULT dashboards phase={phase} {end.Since(start, ownCommits)} load_average=\"{BenchKit.LoadAverage()}\"");
    }

    /// <summary>
    /// Waits (up to a minute) for the last probe to show, then prints the delays from commit to shown of the probes the
    /// page showed; a probe an overloaded page never showed is counted as not shown, not guessed.
    /// </summary>
    private static async Task ReportDelaysAsync(string which, IPage page, Dictionary<string, long> committed)
    {
        string last = committed.Keys.Max(StringComparer.Ordinal)!;
        try
        {
            await page.WaitForFunctionAsync("t => window.ihubSeen && t in window.ihubSeen", last, new() { Timeout = 60_000, PollingInterval = 500 });
        }
        catch (TimeoutException)
        {
            Console.WriteLine($"{which}: the last probe was not shown within a minute of the end");
        }

        var seen = await DashboardProbe.SeenAsync(page);
        var delays = committed.Where(c => seen.ContainsKey(c.Key)).Select(c => (double)Math.Max(0, seen[c.Key] - c.Value)).Order().ToList();
        string figures = delays.Count == 0 ? "" : $" p50_ms={delays[delays.Count / 2]:F0} p95_ms={delays[(int)(delays.Count * 0.95)]:F0} max_ms={delays[^1]:F0}";
        Console.WriteLine($"RESULT dashboards phase=delay page={which} probes={committed.Count} shown={delays.Count}{figures}");
    }
}
