using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace IntegrationHub.Browser.Tests;

/// <summary>What every browser test does as a person would: open a page, sign in or up, listen for CSP refusals.</summary>
public static class Browsing
{
    /// <summary>Navigates and waits until the page shows its heading (not for the load event).</summary>
    public static async Task OpenAsync(IPage page, string path, string heading)
    {
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(heading);
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await OpenAsync(page, "/account/signin", "Sign in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    public static async Task SignUpAsync(IPage page, string email, string tenant)
    {
        await OpenAsync(page, "/account/signup", "Create an account");
        await page.GetByLabel("Your name").FillAsync("Browser Person");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("correct-horse-battery");
        await page.GetByLabel("Tenant").FillAsync(tenant);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        // Signed in to the new tenant: the layout shows its name and the sign-out button.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".tenant-name")).ToHaveTextAsync(tenant);
    }

    /// <summary>Chromium reports each CSP refusal on the console; a page that works under the policy reports none.</summary>
    public static List<string> WatchCsp(IPage page)
    {
        var refusals = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (refusals)
                {
                    refusals.Add(message.Text);
                }
            }
        };
        return refusals;
    }

    /// <summary>
    /// Waits until the page runs on its interactive circuit (MainLayout marks it), so a click reaches the server. A
    /// prerendered page looks the same before that and would drop the click.
    /// </summary>
    public static async Task WaitForCircuitAsync(IPage page) =>
        await Assertions.Expect(page.Locator("#main[data-interactive=true]")).ToBeVisibleAsync();

    /// <summary>Opens an interactive page and waits for its circuit, so the next click reaches the server.</summary>
    public static async Task OpenLiveAsync(IPage page, string path, string heading)
    {
        await OpenAsync(page, path, heading);
        await WaitForCircuitAsync(page);
    }

    /// <summary>
    /// Closes the snackbars shown and waits until they are gone: one fading in or out reads to axe as text of too little
    /// contrast, which no person sees.
    /// </summary>
    public static async Task DismissSnackbarsAsync(IPage page)
    {
        var snackbars = page.Locator(".mud-snackbar");
        foreach (var close in await snackbars.Locator("button").AllAsync())
        {
            await close.ClickAsync();
        }

        await Assertions.Expect(snackbars).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Clicks <paramref name="button"/>, waits for the confirmation dialog saying <paramref name="question"/>, checks it
    /// with axe (no serious or critical violation while it is open), takes a screenshot and confirms with <paramref name="confirm"/>.
    /// </summary>
    public static async Task ConfirmAsync(IPage page, string button, string question, string confirm, string screenshot)
    {
        // The last action's snackbar, fading under the dialog, would read to axe as text of too little contrast.
        await Browsing.DismissSnackbarsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync(question);
        await BrowserStack.ScreenshotAsync(page, screenshot);
        var serious = await Browsing.AxeProblemsAsync(page);
        Assert.True(serious.Count == 0, $"{screenshot}: " + string.Join('\n', serious));
        await dialog.GetByRole(AriaRole.Button, new() { Name = confirm, Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    /// <summary>axe-core's serious and critical findings on the page as it is now, one line each.</summary>
    public static async Task<List<string>> AxeProblemsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return [.. result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")];
    }

    /// <summary>Connects gitlab.com through the simulator's consent page, as the person would, and waits for the notice.</summary>
    public static async Task ConnectGitLabComAsync(IPage page)
    {
        await OpenAsync(page, "/integrations", "Integrations");
        await page.ClickAsync("#connect-gitlab-com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(page.Locator("#connect-ok")).ToBeVisibleAsync();
    }
}
