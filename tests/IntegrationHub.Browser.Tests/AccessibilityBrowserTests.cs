using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace IntegrationHub.Browser.Tests;

/// <summary>
/// Every dashboard page, in the light and the dark theme: axe-core finds no serious or critical violation, and a
/// screenshot of each goes to the CI artifacts. Signed in as the demo's platform admin, so the admin pages are included.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(BrowserStack stack)
{
    private static readonly (string Path, string Name)[] SignedInPages =
    [
        ("/", "overview"),
        ("/integrations", "integrations"),
        ("/integrations/github/token", "github-token"),
        ("/integrations/gitlab/token", "gitlab-token"),
        ("/integrations/gitlab/own-app", "gitlab-own-app"),
        ("/integrations/github/own-app", "github-own-app"),
        ("/integrations/bitbucket-cloud/own-app", "bitbucket-cloud-own-app"),
        ("/integrations/azure-devops", "azure-devops"),
        ("/integrations/bitbucket-dc", "bitbucket-dc"),
        ("/repositories", "repositories"),
        ("/activity", "activity"),
        ("/settings/webhooks", "webhooks"),
        ("/settings/api-keys", "api-keys"),
        ("/settings/members", "members"),
        ("/account/tenants/new", "new-tenant"),
        ("/admin", "admin"),
        ("/admin/connections", "admin-connections"),
    ];

    private static readonly (string Path, string Name)[] SignedOutPages =
    [
        ("/account/signin", "signin"),
        ("/account/signup", "signup"),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_page_has_no_serious_or_critical_accessibility_violation(bool dark)
    {
        string theme = dark ? "dark" : "light";
        var problems = new List<string>();

        var visitor = await stack.NewPageAsync();
        await SetThemeAsync(visitor, dark);
        foreach (var (path, name) in SignedOutPages)
        {
            problems.AddRange(await CheckAsync(visitor, path, $"page-{name}-{theme}"));
        }

        await visitor.Context.CloseAsync();

        var admin = await stack.NewPageAsync();
        await SetThemeAsync(admin, dark);
        await Browsing.SignInAsync(admin, stack.Credentials.AdminEmail, stack.Credentials.AdminPassword);
        foreach (var (path, name) in SignedInPages)
        {
            problems.AddRange(await CheckAsync(admin, path, $"page-{name}-{theme}"));
        }

        await admin.Context.CloseAsync();

        problems.AddRange(await ConnectedPagesAsync(dark, theme));
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>
    /// The pages that need a connection with repositories, a hook and a delivery: a tenant of its own connects gitlab.com,
    /// the simulator makes an event, and the grid, a repository, its delivery log, the disconnect step and the admin's revoke page are checked.
    /// </summary>
    private async Task<List<string>> ConnectedPagesAsync(bool dark, string theme)
    {
        string tenant = $"Axe {theme} Co";
        var page = await stack.NewPageAsync();
        await SetThemeAsync(page, dark);
        await Browsing.SignUpAsync(page, $"axe-{theme}@browser.test", tenant);
        await Browsing.ConnectGitLabComAsync(page);
        string repo = await stack.RegisteredRepositoryAsync(tenant, "gitlab");
        await stack.SimulateAsync("issue-open", new { provider = "gitlab", repo, title = "For the delivery log" });

        var problems = new List<string>();
        string disconnect = (await page.Locator("#connections a", new() { HasText = "Disconnect" }).First.GetAttributeAsync("href"))!;
        await Browsing.OpenAsync(page, "/repositories", "Repositories");
        await Browsing.WaitForCircuitAsync(page);
        var row = page.Locator("#repositories tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = repo, Exact = true }) });
        await Assertions.Expect(row.Locator("[data-kind=hook][data-state=registered]")).ToHaveCountAsync(1);
        problems.AddRange(await ViolationsAsync(page, "/repositories", $"page-repositories-connected-{theme}"));
        string detail = (await row.GetByRole(AriaRole.Link, new() { Name = repo, Exact = true }).GetAttributeAsync("href"))!;
        string deliveries = (await row.GetByRole(AriaRole.Link, new() { Name = "deliveries" }).GetAttributeAsync("href"))!;

        problems.AddRange(await CheckAsync(page, detail, $"page-repository-{theme}"));
        await Browsing.OpenAsync(page, deliveries, "Delivery log");
        await Assertions.Expect(page.Locator("#deliveries tbody tr").First).ToContainTextAsync("processed");
        problems.AddRange(await ViolationsAsync(page, deliveries, $"page-deliveries-{theme}"));
        problems.AddRange(await CheckAsync(page, disconnect, $"page-disconnect-{theme}"));
        await page.Context.CloseAsync();

        // The same connection on the platform admin's revoke page.
        var admin = await stack.NewPageAsync();
        await SetThemeAsync(admin, dark);
        await Browsing.SignInAsync(admin, stack.Credentials.AdminEmail, stack.Credentials.AdminPassword);
        string revoke = disconnect.Replace("/integrations/", "/admin/connections/", StringComparison.Ordinal).Replace("/disconnect", "/revoke", StringComparison.Ordinal);
        problems.AddRange(await CheckAsync(admin, revoke, $"page-admin-revoke-{theme}"));
        await admin.Context.CloseAsync();
        return problems;
    }

    private static async Task<List<string>> CheckAsync(IPage page, string path, string screenshot)
    {
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit }); // then wait for what the page shows
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        return await ViolationsAsync(page, path, screenshot);
    }

    /// <summary>axe-core's serious and critical findings on the page as it is now, after a screenshot of it.</summary>
    public static async Task<List<string>> ViolationsAsync(IPage page, string path, string screenshot)
    {
        await BrowserStack.ScreenshotAsync(page, screenshot);
        return await Browsing.AxeProblemsAsync(page);
    }

    /// <summary>The theme cookie the app bar's switch sets, set before the first page so every page loads in it.</summary>
    private async Task SetThemeAsync(IPage page, bool dark) =>
        await page.Context.AddCookiesAsync([new Cookie { Name = "ihub.theme", Value = dark ? "dark" : "light", Url = stack.HubUrl }]);
}
