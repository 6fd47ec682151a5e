using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IntegrationHub.Browser.Tests;

/// <summary>
/// Issue 16's "Done when", as a person in Chromium: install the demo's platform GitHub App on the simulator's installation
/// page choosing two repositories, see exactly those discovered with no hook of their own, see a push arrive through the
/// app webhook, see a repository added to the installation appear, and see the uninstall mark the connection disconnected.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class GitHubAppBrowserTests(BrowserStack stack)
{
    [Fact]
    public async Task Install_the_GitHub_App_for_two_repositories_follow_a_push_an_added_repository_and_the_uninstall()
    {
        using var github = new GitHubAppSteps(stack);
        // A tenant and an organization of this test's own: other tests connect GitHub too and register hooks on the seeded repositories.
        string org = await github.OrganizationAsync("alpha", "beta", "gamma");
        string alpha = org + "/alpha", beta = org + "/beta", gamma = org + "/gamma";
        string connection = "GitHub App · " + org;

        var page = await stack.NewPageAsync();
        var csp = Browsing.WatchCsp(page);
        await Browsing.SignUpAsync(page, "app-owner@browser.test", "App Co");
        await Browsing.OpenAsync(page, "/integrations", "Integrations");
        await page.ClickAsync("#install-github-app");
        await GitHubAppSteps.InstallOnPageAsync(page, stack, org, alpha, beta);

        await Assertions.Expect(page).ToHaveURLAsync(ConnectedUrl());
        await Assertions.Expect(page.Locator("#connect-ok")).ToBeVisibleAsync();
        var row = page.Locator("#connections tr", new() { HasText = connection });
        await Assertions.Expect(row).ToContainTextAsync("active");
        await Assertions.Expect(row.Locator("[data-app-webhook]")).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator("[data-no-token]")).ToHaveCountAsync(0);
        await BrowserStack.ScreenshotAsync(page, "github-app-connected");
        await AssertAxeCleanAsync(page, "integrations with a GitHub App connection");

        // Discovery reads the installation's repositories: exactly the two chosen, each covered by the app webhook.
        string repositories = await ConnectSteps.RepositoriesOfAsync(page, connection);
        await Browsing.OpenLiveAsync(page, repositories, "Repositories");
        await Assertions.Expect(page.Locator("#discovery[data-status=done]")).ToHaveCountAsync(1);
        var rows = page.Locator("#repositories tbody tr");
        await Assertions.Expect(ConnectSteps.HookState(rows, "app-webhook")).ToHaveCountAsync(2);
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(ConnectSteps.Repository(page, alpha, "app-webhook")).ToHaveCountAsync(1);
        await Assertions.Expect(ConnectSteps.Repository(page, beta, "app-webhook")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#hooks-pending")).ToHaveTextAsync("0 pending");
        await Assertions.Expect(page.Locator("#app-webhook")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#no-token")).ToHaveCountAsync(0);
        Assert.Empty(await github.HooksOnAsync(alpha, beta, gamma));
        await BrowserStack.ScreenshotAsync(page, "github-app-repositories");
        await AssertAxeCleanAsync(page, "repositories of a GitHub App connection");

        // A push reaches the hub through the app webhook only: GitHub delivers it there and nowhere else.
        await Browsing.OpenLiveAsync(page, "/activity", "Activity");
        var (sha, hookIds) = await github.PushAsync(alpha);
        Assert.Equal([stack.GitHubApp.HookId], hookIds);
        var push = page.Locator("#events tbody tr", new() { HasText = sha });
        await Assertions.Expect(push).ToContainTextAsync(alpha);
        await Assertions.Expect(push).ToContainTextAsync("Push");
        await Assertions.Expect(push).ToContainTextAsync("webhook");
        await BrowserStack.ScreenshotAsync(page, "github-app-push");

        // The owner adds a repository to the installation at GitHub: installation_repositories.added brings it in.
        long installation = await github.InstallationAsync(org);
        await Browsing.OpenLiveAsync(page, repositories, "Repositories");
        await github.AddRepositoryAsync(installation, gamma);
        await Assertions.Expect(ConnectSteps.Repository(page, gamma, "app-webhook")).ToHaveCountAsync(1);
        // Nothing queued for it either (a hook job would show as pending before it reached GitHub).
        await Assertions.Expect(page.Locator("#hooks-pending")).ToHaveTextAsync("0 pending");
        Assert.Empty(await github.HooksOnAsync(alpha, beta, gamma));

        // Uninstalled at GitHub: installation.deleted marks the connection disconnected. The Integrations page is static,
        // so the live Repositories page says it first, then the Integrations page is opened once.
        await github.UninstallAsync(installation);
        await Assertions.Expect(page.Locator("#connection-status")).ToContainTextAsync("disconnected");
        await Browsing.OpenAsync(page, "/integrations", "Integrations");
        await Assertions.Expect(page.Locator("#connections tr", new() { HasText = connection })).ToContainTextAsync("disconnected");
        await BrowserStack.ScreenshotAsync(page, "github-app-uninstalled");
        await AssertAxeCleanAsync(page, "integrations after the uninstall");
        Assert.Empty(csp);
        await page.Context.CloseAsync();
    }

    private static async Task AssertAxeCleanAsync(IPage page, string what)
    {
        var serious = await Browsing.AxeProblemsAsync(page);
        Assert.True(serious.Count == 0, $"{what}: " + string.Join('\n', serious));
    }

    [GeneratedRegex(@"/integrations\?connected=")]
    private static partial Regex ConnectedUrl();
}
