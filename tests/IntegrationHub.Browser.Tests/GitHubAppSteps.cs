using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IntegrationHub.Browser.Tests;

/// <summary>
/// What the GitHub App test does at the simulated GitHub besides the person's clicks: an organization of its own with
/// fresh repositories (no other test's hooks on them), installations changed as the organization's owner would in
/// GitHub's settings (the control API), and what GitHub's side shows: hooks and the app webhook's deliveries.
/// </summary>
internal sealed class GitHubAppSteps(BrowserStack stack) : IDisposable
{
    private readonly HttpClient _sim = new() { BaseAddress = new Uri(stack.SimUrl) };

    /// <summary>An organization the demo user administers (they create its repositories), with these repositories.</summary>
    public async Task<string> OrganizationAsync(params string[] names)
    {
        string org = "appco-" + Guid.NewGuid().ToString("n")[..6];
        foreach (string name in names)
        {
            using var made = await _sim.PostAsJsonAsync("/_sim/repos", new { provider = "github", owner = org, name });
            made.EnsureSuccessStatusCode();
        }

        return org;
    }

    /// <summary>On the simulator's installation page: install on <paramref name="account"/> for exactly these repositories.</summary>
    public static async Task InstallOnPageAsync(IPage page, BrowserStack stack, string account, params string[] repositories)
    {
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Install IntegrationHub Demo");
        Assert.StartsWith(stack.GitHubApp.InstallPage(stack.SimUrl), page.Url, StringComparison.Ordinal);
        await page.GetByLabel(new Regex("^" + Regex.Escape(account) + " ")).CheckAsync();
        await page.GetByLabel("Only select repositories").CheckAsync();
        foreach (string repository in repositories)
        {
            await page.GetByLabel(repository, new() { Exact = true }).CheckAsync();
        }

        await BrowserStack.ScreenshotAsync(page, "github-app-install-page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Install", Exact = true }).ClickAsync();
    }

    /// <summary>The id of the app's installation on <paramref name="account"/>.</summary>
    public async Task<long> InstallationAsync(string account)
    {
        var all = (await _sim.GetFromJsonAsync<JsonArray>("/_sim/github/installations"))!;
        return (long)all.Single(i => (string?)i!["account"]?["login"] == account)!["id"]!;
    }

    /// <summary>Adds a repository to the installation (installation_repositories.added follows).</summary>
    public async Task AddRepositoryAsync(long installationId, string repository)
    {
        using var changed = await _sim.PostAsJsonAsync($"/_sim/github/installations/{installationId}/repositories", new { add = new[] { repository } });
        changed.EnsureSuccessStatusCode();
    }

    /// <summary>Uninstalls the app from the account (installation.deleted follows).</summary>
    public async Task UninstallAsync(long installationId)
    {
        using var deleted = await _sim.DeleteAsync($"/_sim/github/installations/{installationId}");
        deleted.EnsureSuccessStatusCode();
    }

    /// <summary>The repository hooks at the simulated GitHub on these repositories (the app webhook is no repository's).</summary>
    public async Task<List<string>> HooksOnAsync(params string[] repositories)
    {
        var hooks = (await _sim.GetFromJsonAsync<JsonArray>("/_sim/hooks?provider=github"))!;
        return [.. hooks.Select(h => (string?)h!["repo"]).OfType<string>().Where(repositories.Contains)];
    }

    /// <summary>Pushes one commit to <paramref name="repository"/>; the short sha and the hooks its deliveries went to.</summary>
    public async Task<(string ShortSha, long[] HookIds)> PushAsync(string repository)
    {
        using var answer = await _sim.PostAsJsonAsync("/_sim/events/push", new { provider = "github", repo = repository, message = "Through the app webhook" });
        answer.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        long[] hookIds = [.. body["deliveries"]!.AsArray().Where(d => (bool?)d!["skipped"] != true).Select(d => (long)d!["hookId"]!)];
        return (((string)body["sha"]!)[..7], hookIds);
    }

    public void Dispose() => _sim.Dispose();
}
