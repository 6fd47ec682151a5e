using Microsoft.Playwright;

namespace IntegrationHub.Browser.Tests;

/// <summary>
/// Progress a person watches without reloading (a marker on window proves no page load happened): discovery counting up
/// and hooks being registered, hooks going and coming back with the sync mode, and a disconnect's clean-up reaching its
/// end. The simulated GitLab is slowed down (its latency fault) so the steps between start and end can be seen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProgressBrowserTests(BrowserStack stack)
{
    [Fact]
    public async Task Discovery_counts_up_live_and_the_sync_mode_removes_and_restores_the_hooks()
    {
        const string login = "progress-discovery";
        const int projects = 500; // five pages of 100
        var page = await stack.NewPageAsync();
        await Browsing.SignUpAsync(page, "discovery@browser.test", "Discovery Co");
        string token = await ProgressSteps.GitLabUserAsync(stack, login, projects);
        try
        {
            // Each page of projects, and each hook, takes two seconds at the provider: discovery runs for ten seconds or more.
            await ProgressSteps.SlowGitLabAsync(stack, 2000);
            var id = await ProgressSteps.ConnectGitLabTokenAsync(stack, page, token);
            await Browsing.OpenAsync(page, $"/repositories?connection={id}", "Repositories");
            await Browsing.WaitForCircuitAsync(page);
            await Assertions.Expect(page.Locator("#discovery[data-live=true]")).ToBeVisibleAsync();
            await ProgressSteps.MarkAsync(page);
            int firstSeen = await ProgressSteps.NumberAsync(page, "#discovered-count");
            Assert.True(firstSeen < projects, $"discovery had already found all {projects} projects when the page opened");
            await BrowserStack.ScreenshotAsync(page, "progress-discovery-running");

            await Assertions.Expect(page.Locator("#discovered-count")).ToHaveTextAsync(projects.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(page.Locator("#discovery-status")).ToHaveTextAsync("done");
            // Hooks at two seconds each are far from done: the page says how many are still waiting.
            Assert.True(await ProgressSteps.NumberAsync(page, "#hooks-pending") > 0);
            await ProgressSteps.SlowGitLabAsync(stack, 0);
            await Assertions.Expect(page.Locator("#hooks-registered")).ToHaveTextAsync($"{projects} registered");
            await Assertions.Expect(page.Locator("#hooks-pending")).ToHaveTextAsync("0 pending");
            await BrowserStack.ScreenshotAsync(page, "progress-discovery-done");
            Assert.Equal(projects, await ProgressSteps.HooksAtGitLabAsync(stack, login));

            // The poll only: confirmed in a dialog, then the hub removes its hooks at the provider.
            await page.GetByRole(AriaRole.Radio, new() { Name = "the 60-second poll only (no webhooks)" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Keep in sync by the poll only?");
            await BrowserStack.ScreenshotAsync(page, "progress-poll-only-confirm");
            await page.GetByRole(AriaRole.Button, new() { Name = "Remove the webhooks" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Kept in sync by the 60-second poll only: the hub's webhooks are being removed.")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#poll-only")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "the 60-second poll only (no webhooks)" })).ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("#hooks-registered")).ToHaveTextAsync("0 registered");
            await BrowserStack.ScreenshotAsync(page, "progress-poll-only");
            Assert.Equal(0, await ProgressSteps.HooksAtGitLabAsync(stack, login));

            // Back to webhooks and the poll: no confirmation, the hooks come back.
            await page.GetByRole(AriaRole.Radio, new() { Name = "webhooks and the 60-second poll (recommended)" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Kept in sync by webhooks, with the 60-second poll as the safety net.")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#poll-only")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#hooks-registered")).ToHaveTextAsync($"{projects} registered");
            Assert.Equal(projects, await ProgressSteps.HooksAtGitLabAsync(stack, login));
            await BrowserStack.ScreenshotAsync(page, "progress-hybrid-again");
            await ProgressSteps.AssertNotReloadedAsync(page);
        }
        finally
        {
            await ProgressSteps.SlowGitLabAsync(stack, 0);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Disconnect_shows_the_webhooks_being_removed_until_the_clean_up_is_done()
    {
        const string login = "progress-cleanup";
        const int projects = 8;
        var page = await stack.NewPageAsync();
        await Browsing.SignUpAsync(page, "cleanup@browser.test", "Cleanup Co");
        string token = await ProgressSteps.GitLabUserAsync(stack, login, projects);
        try
        {
            var id = await ProgressSteps.ConnectGitLabTokenAsync(stack, page, token);
            await Browsing.OpenAsync(page, $"/repositories?connection={id}", "Repositories");
            await Assertions.Expect(page.Locator("#hooks-registered")).ToHaveTextAsync($"{projects} registered");

            // A second per hook removal: the clean-up takes several seconds, shown as it goes.
            await ProgressSteps.SlowGitLabAsync(stack, 1500);
            await Browsing.OpenAsync(page, $"/integrations/{id}/disconnect", "Disconnect");
            await Browsing.WaitForCircuitAsync(page);
            await ProgressSteps.MarkAsync(page);
            await Browsing.ConfirmAsync(page, "Disconnect…", "Disconnect GitLab", "Disconnect", "progress-cleanup-confirm");
            await Assertions.Expect(page.Locator("#disconnect-pending[data-live=true]")).ToBeVisibleAsync();
            int remaining = await ProgressSteps.NumberAsync(page, "#hooks-remaining");
            Assert.InRange(remaining, 1, projects);
            await BrowserStack.ScreenshotAsync(page, "progress-cleanup-running");

            await Assertions.Expect(page.Locator("#disconnect-done")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#cleanup-done")).ToContainTextAsync("Disconnected.");
            await BrowserStack.ScreenshotAsync(page, "progress-cleanup-done");
            await ProgressSteps.AssertNotReloadedAsync(page);
            Assert.Equal(0, await ProgressSteps.HooksAtGitLabAsync(stack, login));
        }
        finally
        {
            await ProgressSteps.SlowGitLabAsync(stack, 0);
            await page.Context.CloseAsync();
        }
    }
}
