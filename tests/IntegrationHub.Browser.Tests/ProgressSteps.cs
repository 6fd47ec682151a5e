using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IntegrationHub.Browser.Tests;

/// <summary>
/// What the progress tests set up at the simulated GitLab: a user of their own with many projects and a token, a slow
/// API (the simulator's latency fault) so progress can be watched, and the simulator's own count of hooks.
/// </summary>
public static partial class ProgressSteps
{
    /// <summary>A GitLab user owning <paramref name="projects"/> projects in group "{login}-group1"; returns an api-scoped token.</summary>
    public static async Task<string> GitLabUserAsync(BrowserStack stack, string login, int projects)
    {
        using var sim = Sim(stack);
        (await sim.PostAsJsonAsync("/_sim/seed", new { provider = "gitlab", owners = 1, reposPerOwner = projects, ownerPrefix = login + "-group", users = new[] { login } }))
            .EnsureSuccessStatusCode();
        using var answer = await sim.PostAsJsonAsync("/_sim/tokens", new { provider = "gitlab", user = login, scopes = new[] { "api" } });
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>Every GitLab API call takes this long (0: back to normal).</summary>
    public static async Task SlowGitLabAsync(BrowserStack stack, int latencyMs)
    {
        using var sim = Sim(stack);
        if (latencyMs == 0)
        {
            (await sim.DeleteAsync("/_sim/faults/gitlab")).EnsureSuccessStatusCode();
            return;
        }

        (await sim.PutAsJsonAsync("/_sim/faults/gitlab", new { latencyMs })).EnsureSuccessStatusCode();
    }

    /// <summary>Active hooks at the simulated GitLab on the user's projects.</summary>
    public static async Task<int> HooksAtGitLabAsync(BrowserStack stack, string login)
    {
        using var sim = Sim(stack);
        var hooks = await sim.GetFromJsonAsync<JsonElement>("/_sim/hooks?provider=gitlab");
        return hooks.EnumerateArray().Count(h => h.GetProperty("repo").GetString()?.StartsWith(login + "-group", StringComparison.Ordinal) == true);
    }

    /// <summary>
    /// Connects the simulated GitLab as a self-managed instance with an access token, through the form as a person
    /// would; returns the connection's id.
    /// </summary>
    public static async Task<Guid> ConnectGitLabTokenAsync(BrowserStack stack, IPage page, string token)
    {
        await Browsing.OpenLiveAsync(page, "/integrations/gitlab/token", "GitLab with an access token");
        await page.GetByLabel("Base URL").FillAsync(stack.SimUrl + "/gitlab");
        await page.GetByLabel("Access token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and connect" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ConnectedUrl());
        return Guid.Parse(ConnectedUrl().Match(page.Url).Groups[1].Value);
    }

    /// <summary>The number at the start of an element's text ("120 registered").</summary>
    public static async Task<int> NumberAsync(IPage page, string selector) =>
        int.Parse(LeadingNumber().Match(await page.Locator(selector).InnerTextAsync()).Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Sets a marker on window: still there later means the page was not loaded again.</summary>
    public static Task MarkAsync(IPage page) => page.EvaluateAsync("() => { window.ihubMarker = 'kept'; }");

    public static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.Equal("kept", await page.EvaluateAsync<string>("() => window.ihubMarker"));

    private static HttpClient Sim(BrowserStack stack) => new() { BaseAddress = new Uri(stack.SimUrl) };

    [GeneratedRegex(@"/integrations\?connected=([0-9a-f-]{36})")]
    private static partial Regex ConnectedUrl();

    [GeneratedRegex(@"\d+")]
    private static partial Regex LeadingNumber();
}
