using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using IntegrationHub.Hosting;
using IntegrationHub.Local;
using IntegrationHub.ProviderSim;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Npgsql;

namespace IntegrationHub.Browser.Tests;

/// <summary>
/// The single-machine composition for browser tests: a throwaway PostgreSQL, the simulator (consent page on), and the
/// hub — web and worker in one process, built by <see cref="HubApp"/> exactly as the demo builds it — on real ports,
/// plus one headless Chromium. Started once for the test collection.
/// </summary>
public sealed class BrowserStack : IAsyncLifetime
{
    private EmbeddedPostgres? _postgres;
    private WebApplication? _sim;
    private WebApplication? _hub;
    private IPlaywright? _playwright;
    private string _dataDir = "";

    /// <summary>The ceiling of every wait: what the page shows, under the load of a full CI run on two cores.</summary>
    public const int WaitMs = 120_000;

    public string HubUrl { get; private set; } = "";
    public string SimUrl { get; private set; } = "";
    internal DemoCredentials Credentials { get; private set; } = null!;
    internal DemoGitHubApp GitHubApp { get; private set; } = null!;
    public IBrowser Chromium { get; private set; } = null!;

    /// <summary>artifacts/screenshots at the repository root: CI keeps it as an artifact.</summary>
    public static string ScreenshotDir { get; } = Path.Combine(RepoRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        // Not CreateTempSubdirectory: its mode 700 would keep the postgres user out.
        _dataDir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ihub-browser-" + Guid.NewGuid().ToString("n")[..8])).FullName;
        _postgres = await EmbeddedPostgres.StartAsync(Path.Combine(_dataDir, "pg"), EmbeddedPostgres.FreePort(), throwaway: true, CancellationToken.None);
        await using (var conn = new NpgsqlConnection(_postgres.ConnectionString()))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("CREATE DATABASE browser", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        HubUrl = $"http://127.0.0.1:{EmbeddedPostgres.FreePort()}";
        SimUrl = $"http://127.0.0.1:{EmbeddedPostgres.FreePort()}";
        _sim = SimulatorApp.Build(["--urls", SimUrl, "--Logging:LogLevel:Default=Warning"], o => DemoProviders.Configure(o, HubUrl));
        await _sim.StartAsync();
        await DemoProviders.SeedAsync(SimUrl, CancellationToken.None);
        GitHubApp = await DemoGitHubApp.RegisterAsync(SimUrl, HubUrl, CancellationToken.None);

        // Every browser test signs its people up from 127.0.0.1: more than the 20 an hour one address may (that limit has
        // its own hub tests), so the stack lifts it.
        _hub = HubApp.Build(["--Logging:LogLevel:Default=Warning", "--Hub:SignUp:PerAddress=1000"], _postgres.ConnectionString("browser"), HubUrl, SimUrl,
            gitHubApp: GitHubApp);
        await _hub.MigrateHubAsync();
        Credentials = await DemoWorld.SeedAsync(_hub.Services, _dataDir, SimUrl, CancellationToken.None);
        _hub.MapHubWeb();
        await _hub.StartAsync();

        Directory.CreateDirectory(ScreenshotDir);
        // CI shares two cores with the other test projects: a sign-up (a password hash) or a revocation that calls the
        // provider took over 30 seconds there. Every wait is for something the page shows and ends as soon as it does,
        // so a generous ceiling costs nothing when the machine is idle.
        Assertions.SetDefaultExpectTimeout(WaitMs);
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Timeout = WaitMs,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = HubUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(WaitMs);
        context.SetDefaultNavigationTimeout(WaitMs);
        return await context.NewPageAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });

    /// <summary>Makes something happen at the simulated provider (POST /_sim/events/{what}); its webhook follows.</summary>
    public async Task SimulateAsync(string what, object request)
    {
        using var http = new HttpClient { BaseAddress = new Uri(SimUrl) };
        var answer = await http.PostAsJsonAsync($"/_sim/events/{what}", request);
        answer.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Waits until discovery registered a webhook for one of the tenant's repositories at this provider, and returns
    /// its path (the same at the simulator). Read from the hub's database: the page would say it too, more slowly.
    /// </summary>
    public async Task<string> RegisteredRepositoryAsync(string tenantName, string provider)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(WaitMs);
        await using var connection = new NpgsqlConnection(_postgres!.ConnectionString("browser"));
        await connection.OpenAsync();
        while (true)
        {
            await using var query = new NpgsqlCommand("""
                SELECT r.full_path FROM repositories r
                JOIN hooks h ON h.repository_id = r.id AND h.status = 'registered'
                JOIN connections c ON c.id = r.connection_id
                JOIN tenants t ON t.id = r.tenant_id
                WHERE t.name = @tenant AND c.provider = @provider
                ORDER BY r.full_path LIMIT 1
                """, connection);
            query.Parameters.AddWithValue("tenant", tenantName);
            query.Parameters.AddWithValue("provider", provider);
            if (await query.ExecuteScalarAsync() is string path)
            {
                return path;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No registered webhook for {tenantName} at {provider}.");
            }

            await Task.Delay(250);
        }
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.CloseAsync();
        }

        _playwright?.Dispose();
        foreach (var app in new[] { _hub, _sim })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        if (_postgres is not null)
        {
            await _postgres.StopAsync();
        }

        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string RepoRoot([CallerFilePath] string source = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(source)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")))
            {
                return dir.FullName;
            }
        }

        return RepositoryRoot.Find();
    }
}
