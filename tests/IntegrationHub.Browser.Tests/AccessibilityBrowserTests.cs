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
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static async Task<List<string>> CheckAsync(IPage page, string path, string screenshot)
    {
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit }); // then wait for what the page shows
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        await BrowserStack.ScreenshotAsync(page, screenshot);
        var result = await page.RunAxe();
        return [.. result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{path}: {v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")];
    }

    /// <summary>The theme cookie the app bar's switch sets, set before the first page so every page loads in it.</summary>
    private async Task SetThemeAsync(IPage page, bool dark) =>
        await page.Context.AddCookiesAsync([new Cookie { Name = "ihub.theme", Value = dark ? "dark" : "light", Url = stack.HubUrl }]);
}
