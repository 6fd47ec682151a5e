using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IntegrationHub.Browser.Tests;

/// <summary>
/// Each of the five providers connected through the simulator as a person would, each in a tenant of its own, ending
/// on the connection's repositories with one the demo seeds (DemoProviders: owners demo-team1 and demo-team2,
/// repositories service1 to service3); a token short of a scope refused with the page naming it; and "Let me choose"
/// at connect: repositories listed unwatched with no hook, one watched, its hook appearing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConnectEachProviderBrowserTests(BrowserStack stack)
{
    private const string Seeded = "demo-team1/service1";

    [Fact]
    public async Task GitHub_connects_through_the_consent_page_and_its_repositories_are_listed()
    {
        var page = await stack.NewPageAsync();
        var csp = Browsing.WatchCsp(page);
        await Browsing.SignUpAsync(page, "github@each.test", "Each GitHub");
        await Browsing.OpenAsync(page, "/integrations", "Integrations");
        await Assertions.Expect(page.GetByLabel("All repositories, including new ones")).ToBeCheckedAsync();
        await BrowserStack.ScreenshotAsync(page, "each-01-integrations");

        await page.ClickAsync("#connect-github-com");
        await ConnectSteps.ApproveAtProviderAsync(page, stack, "each-02-github-consent");

        await Assertions.Expect(page).ToHaveURLAsync(ConnectedUrl());
        await Assertions.Expect(page.Locator("#connect-ok")).ToContainTextAsync("Connected.");
        await Assertions.Expect(page.Locator("#connections")).ToContainTextAsync("GitHub ·");
        await BrowserStack.ScreenshotAsync(page, "each-03-github-connected");
        await ShowsSeededRepositoryAsync(page, await SeeRepositoriesAsync(page), "each-04-github-repositories");
        Assert.Empty(csp);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Bitbucket_Cloud_connects_through_the_consent_page_and_its_repositories_are_listed()
    {
        var page = await stack.NewPageAsync();
        var csp = Browsing.WatchCsp(page);
        await Browsing.SignUpAsync(page, "bitbucket@each.test", "Each Bitbucket");
        await Browsing.OpenAsync(page, "/integrations", "Integrations");

        await page.ClickAsync("#connect-bitbucket-cloud");
        await ConnectSteps.ApproveAtProviderAsync(page, stack, "each-05-bitbucket-consent");

        await Assertions.Expect(page).ToHaveURLAsync(ConnectedUrl());
        await Assertions.Expect(page.Locator("#connections")).ToContainTextAsync("Bitbucket Cloud ·");
        await BrowserStack.ScreenshotAsync(page, "each-06-bitbucket-connected");
        await ShowsSeededRepositoryAsync(page, await SeeRepositoriesAsync(page), "each-07-bitbucket-repositories");
        Assert.Empty(csp);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Azure_DevOps_connects_with_a_personal_access_token_and_its_repositories_are_listed()
    {
        var page = await stack.NewPageAsync();
        await Browsing.SignUpAsync(page, "azure@each.test", "Each Azure");
        await Browsing.OpenLiveAsync(page, "/integrations/azure-devops", "Azure DevOps");
        await page.GetByLabel("Organization URL").FillAsync(stack.SimUrl + "/azure-devops/demo-org");
        await page.GetByLabel("Personal access token").FillAsync("ado-demo-personal-token");
        await BrowserStack.ScreenshotAsync(page, "each-08-azure-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(ConnectedUrl());
        await Assertions.Expect(page.Locator("#connections")).ToContainTextAsync("Azure DevOps ·");
        // Azure DevOps paths are project/repository: the seed's owners are projects of demo-org.
        await ShowsSeededRepositoryAsync(page, await SeeRepositoriesAsync(page), "each-09-azure-repositories");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Bitbucket_Data_Center_webhook_only_answers_with_a_url_and_secret_and_lists_its_repository()
    {
        var page = await stack.NewPageAsync();
        await Browsing.SignUpAsync(page, "datacenter@each.test", "Each Data Center");
        await Browsing.OpenAsync(page, "/integrations", "Integrations");
        await page.ClickAsync("#connect-bitbucket-dc");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Bitbucket Data Center");
        await Browsing.WaitForCircuitAsync(page);
        await page.GetByLabel("Base URL").FillAsync(stack.SimUrl + "/bitbucket-dc");
        await page.GetByLabel("Project key").FillAsync("DEMO-TEAM1");
        await page.GetByLabel("Repository slug").FillAsync("service1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Assertions.Expect(page.Locator("#webhook-url")).ToContainTextAsync($"{stack.HubUrl}/hooks/bitbucket-dc/");
        await Assertions.Expect(page.Locator("#webhook-secret")).ToHaveTextAsync(SecretPattern());
        await BrowserStack.ScreenshotAsync(page, "each-10-datacenter-webhook");
        await page.GetByRole(AriaRole.Link, new() { Name = "Done", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Integrations");
        string repositories = await ConnectSteps.RepositoriesOfAsync(page, "Bitbucket Data Center · DEMO-TEAM1/service1 (webhook only)");
        // No token, so no discovery: the one repository named on the form, with the hook the person pastes.
        await Browsing.OpenAsync(page, repositories, "Repositories");
        await Assertions.Expect(ConnectSteps.Repository(page, "DEMO-TEAM1/service1", "registered")).ToHaveCountAsync(1);
        await BrowserStack.ScreenshotAsync(page, "each-11-datacenter-repository");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_GitHub_token_missing_a_scope_is_refused_naming_it_and_nothing_is_stored()
    {
        string token = await ConnectSteps.ProviderTokenAsync(stack, "github", "repo");
        var page = await stack.NewPageAsync();
        await Browsing.SignUpAsync(page, "scopes@each.test", "Each Scopes");
        await Browsing.OpenAsync(page, "/integrations", "Integrations");
        await page.ClickAsync("#connect-github-token");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("GitHub with a personal access token");
        await Browsing.WaitForCircuitAsync(page);
        await page.GetByLabel("Base URL").FillAsync(stack.SimUrl + "/github");
        await page.GetByLabel("Access token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and connect" }).ClickAsync();

        await Assertions.Expect(page.Locator("#token-error")).ToContainTextAsync("The token is missing the scope admin:repo_hook.");
        await Assertions.Expect(page.Locator("#token-error")).ToContainTextAsync("Nothing was stored.");
        await Assertions.Expect(page.GetByLabel("Access token")).ToHaveValueAsync(""); // the token is not echoed back
        await BrowserStack.ScreenshotAsync(page, "each-12-missing-scope");

        await Browsing.OpenAsync(page, "/integrations", "Integrations");
        await Assertions.Expect(page.GetByText("No Git provider is connected to Each Scopes yet.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#connections")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task GitLab_token_with_let_me_choose_lists_repositories_unwatched_without_hooks_and_watching_one_adds_its_hook()
    {
        var page = await stack.NewPageAsync();
        await Browsing.SignUpAsync(page, "choose@each.test", "Each Choose");
        await Browsing.OpenLiveAsync(page, "/integrations/gitlab/token", "GitLab with an access token");
        await page.GetByLabel("Base URL").FillAsync(stack.SimUrl + "/gitlab");
        await page.GetByLabel("Access token").FillAsync("glpat-demo-personal-token");
        await page.GetByLabel("Let me choose which repositories to watch").CheckAsync();
        await BrowserStack.ScreenshotAsync(page, "each-13-gitlab-token-choose");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and connect" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(ConnectedUrl());
        await Assertions.Expect(page.Locator("#connect-choose")).ToContainTextAsync("no webhook is created until you tick them");
        await Assertions.Expect(page.Locator("#connections")).ToContainTextAsync("GitLab · demo");
        await BrowserStack.ScreenshotAsync(page, "each-14-gitlab-connected-choose");
        await page.GetByRole(AriaRole.Link, new() { Name = "Choose the repositories to watch" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(RepositoriesUrl());
        string repositories = new Uri(page.Url).PathAndQuery;

        // Discovery done: every repository listed, none watched, no hook of any state.
        await ConnectSteps.OpenUntilAsync(page, repositories, "Repositories", p => p.Locator("#discovery[data-status=done]"));
        await Assertions.Expect(ConnectSteps.Repository(page, Seeded, "none")).ToHaveCountAsync(1);
        var rows = page.Locator("#repositories tbody tr");
        int listed = await rows.CountAsync();
        Assert.True(listed >= 6, $"{listed} repositories listed; the demo seeds six for the GitLab user");
        await Assertions.Expect(ConnectSteps.HookState(rows, "none")).ToHaveCountAsync(listed);
        Assert.All(await rows.Locator("td:nth-child(4)").AllInnerTextsAsync(), watched => Assert.Equal("no", watched.Trim()));

        await BrowserStack.ScreenshotAsync(page, "each-15-gitlab-listed-unwatched");

        await page.GetByLabel($"Select {Seeded}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Watch selected", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Watching 1 more repositories." })).ToBeVisibleAsync();

        // The page is live: the hook the worker registers shows without a reload.
        await Assertions.Expect(ConnectSteps.Repository(page, Seeded, "registered")).ToHaveCountAsync(1);
        await Assertions.Expect(ConnectSteps.HookState(rows, "registered")).ToHaveCountAsync(1);
        await Assertions.Expect(ConnectSteps.HookState(rows, "none")).ToHaveCountAsync(listed - 1);
        await BrowserStack.ScreenshotAsync(page, "each-16-gitlab-one-watched-hooked");
        await page.Context.CloseAsync();
    }

    /// <summary>The landing notice's link to the new connection's repositories.</summary>
    private static async Task<string> SeeRepositoriesAsync(IPage page)
    {
        var link = page.GetByRole(AriaRole.Link, new() { Name = "See its repositories" });
        string href = (await link.GetAttributeAsync("href"))!;
        Assert.StartsWith("/repositories?connection=", href, StringComparison.Ordinal);
        return href;
    }

    private static async Task ShowsSeededRepositoryAsync(IPage page, string repositories, string screenshot)
    {
        await ConnectSteps.OpenUntilAsync(page, repositories, "Repositories", p => ConnectSteps.Repository(p, Seeded));
        await BrowserStack.ScreenshotAsync(page, screenshot);
    }

    [GeneratedRegex(@"/integrations\?connected=")]
    private static partial Regex ConnectedUrl();

    [GeneratedRegex(@"/repositories\?connection=[0-9a-f-]{36}$")]
    private static partial Regex RepositoriesUrl();

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex SecretPattern();
}
