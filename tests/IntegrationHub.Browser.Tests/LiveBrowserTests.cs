using System.Net.Http.Json;
using Microsoft.Playwright;
using Npgsql;

namespace IntegrationHub.Browser.Tests;

/// <summary>
/// Pages that change while a person watches: the simulator makes something happen at the provider, its webhook reaches
/// the hub, and the open page shows it without a reload (a marker on window proves no page load happened).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveBrowserTests(BrowserStack stack)
{
    [Fact]
    public async Task Activity_shows_a_new_event_without_reload_and_holds_new_ones_while_paused()
    {
        var page = await stack.NewPageAsync();
        await Browsing.SignUpAsync(page, "live@browser.test", "Live Co");
        await Browsing.ConnectGitLabComAsync(page);
        string repo = await stack.RegisteredRepositoryAsync("Live Co", "gitlab");

        await Browsing.OpenAsync(page, "/activity", "Activity");
        await Browsing.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#live-state")).ToContainTextAsync("Live");
        await page.EvaluateAsync("() => { window.ihubMarker = 'kept'; }");

        await stack.SimulateAsync("issue-open", new { provider = "gitlab", repo, title = "Seen live" });
        await Assertions.Expect(page.Locator("#events")).ToContainTextAsync("Seen live");
        await BrowserStack.ScreenshotAsync(page, "activity-live");

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause live updates" }).ClickAsync();
        await Assertions.Expect(page.Locator("#live-state")).ToContainTextAsync("Paused");
        await stack.SimulateAsync("issue-open", new { provider = "gitlab", repo, title = "Held while paused" });
        await Assertions.Expect(page.Locator("#live-state")).ToContainTextAsync("new events waiting");
        await Assertions.Expect(page.Locator("#events")).Not.ToContainTextAsync("Held while paused");
        await BrowserStack.ScreenshotAsync(page, "activity-paused");

        await page.GetByRole(AriaRole.Button, new() { Name = "Resume live updates" }).ClickAsync();
        await Assertions.Expect(page.Locator("#events")).ToContainTextAsync("Held while paused");
        Assert.Equal("kept", await page.EvaluateAsync<string>("() => window.ihubMarker"));
        await page.Context.CloseAsync();
    }
}
