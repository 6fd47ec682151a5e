using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using IntegrationHub.Hosting;
using IntegrationHub.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Npgsql;

namespace IntegrationHub.Benchmarks;

/// <summary>What the benchmark commands share: their options, the fixtures folder, one-statement SQL, the web host, Chromium and the load.</summary>
internal static partial class BenchKit
{
    public static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int value) ? value : fallback;
    }

    /// <summary>../shared/fixtures beside the repository, found from the build output (any artifacts folder) or the working directory.</summary>
    public static string FixturesDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var root in new[] { dir.FullName, Path.Combine(dir.FullName, "main") })
            {
                string candidate = Path.GetFullPath(Path.Combine(root, "..", "shared", "fixtures"));
                if (File.Exists(Path.Combine(root, "IntegrationHub.sln")) && Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        string fromCwd = Path.GetFullPath(Path.Combine(Directory.GetCurrentDirectory(), "..", "shared", "fixtures"));
        return Directory.Exists(fromCwd) ? fromCwd : throw new DirectoryNotFoundException("run from the repository root: ../shared/fixtures not found");
    }

    public static async Task ExecAsync(NpgsqlDataSource db, string sql, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<long> CountAsync(string cs, string sql)
    {
        await using var db = NpgsqlDataSource.Create(cs);
        await using var cmd = db.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>The web host alone (no worker) on a real port over <paramref name="cs"/>, migrated, with these settings on top.</summary>
    public static async Task<WebApplication> StartWebHubAsync(string cs, Dictionary<string, string?> settings)
    {
        string url = $"http://127.0.0.1:{EmbeddedPostgres.FreePort()}";
        // Named after the single-machine host, whose static-web-assets manifest is in this output folder.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "IntegrationHub.Local" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Hub"] = cs, ["Hub:PublicBaseUrl"] = url }
            .Concat(settings));
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Error);
        builder.WebHost.UseUrls(url);
        // The dashboard's scripts (blazor.web.js, MudBlazor) from the build output, as the single-machine host serves them:
        // without them no page starts its circuit.
        builder.WebHost.UseStaticWebAssets();
        builder.AddHubWeb();
        var hub = builder.Build();
        await hub.MigrateHubAsync();
        hub.MapHubWeb();
        await hub.StartAsync();
        return hub;
    }

    /// <summary>The machine's 1, 5 and 15 minute load averages, printed beside every figure.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Signs up the benchmark's owner ("Bench" tenant) through the sign-up form, as a browser would; the cookie stays in the client.</summary>
    public static async Task SignUpAsync(HttpClient browser)
    {
        string html = await browser.GetStringAsync("/account/signup");
        string token = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
        using var response = await browser.PostAsync("/account/signup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "signup",
            ["Input.DisplayName"] = "Bench Owner",
            ["Input.Email"] = "bench@example.test",
            ["Input.Password"] = "correct-horse-battery",
            ["Input.TenantName"] = "Bench",
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-up answered {(int)response.StatusCode}");
        }
    }

    /// <summary>Debian's Chromium, headless, with the background work that would blur a measurement turned off.</summary>
    public static Task<IBrowser> ChromiumAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium", Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    /// <summary>A browser context on the hub at <paramref name="url"/> signed in with the cookies <see cref="SignUpAsync"/> left.</summary>
    public static async Task<IBrowserContext> SignedInContextAsync(IBrowser chromium, string url, CookieContainer cookies)
    {
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = url });
        context.SetDefaultTimeout(300_000);
        await context.AddCookiesAsync(cookies.GetAllCookies().Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Url = url }));
        return context;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
