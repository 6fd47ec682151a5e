using Microsoft.Playwright;

namespace IntegrationHub.Browser.Tests;

/// <summary>
/// The dashboard shell on its interactive circuit: navigation inside the circuit (no page load) with the person's tenant
/// and rights resolved there, the drawer, the light and dark themes, and a circuit that drops and comes back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardShellBrowserTests(BrowserStack stack)
{
    [Fact]
    public async Task Navigation_runs_on_the_circuit_with_the_signed_in_tenant_and_the_admin_right()
    {
        var page = await stack.NewPageAsync();
        var csp = Browsing.WatchCsp(page);
        await Browsing.SignInAsync(page, stack.Credentials.AdminEmail, stack.Credentials.AdminPassword);
        await Browsing.OpenAsync(page, "/", "");
        await Browsing.WaitForCircuitAsync(page);

        // A marker on window survives only if no page load happens between the clicks.
        await page.EvaluateAsync("() => { window.ihubMarker = 'kept'; }");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await nav.GetByRole(AriaRole.Link, new() { Name = "Activity" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Activity");
        await nav.GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Platform administration");
        Assert.Equal("kept", await page.EvaluateAsync<string>("() => window.ihubMarker"));

        // The drawer closes and opens from the app bar (an event only the circuit answers).
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Show or hide navigation" });
        await toggle.ClickAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Repositories" })).Not.ToBeInViewportAsync();
        await toggle.ClickAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Repositories" })).ToBeInViewportAsync();
        Assert.Empty(csp);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_dark_theme_is_kept_across_page_loads_and_the_light_one_comes_back()
    {
        var page = await stack.NewPageAsync();
        await Browsing.SignUpAsync(page, "theme@browser.test", "Theme Co");
        await Browsing.OpenAsync(page, "/repositories", "Repositories");
        string light = await BackgroundAsync(page);
        await BrowserStack.ScreenshotAsync(page, "shell-light");

        await page.GetByRole(AriaRole.Button, new() { Name = "Use the dark theme" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Use the light theme" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Repositories"); // back where the switch was pressed
        string dark = await BackgroundAsync(page);
        Assert.NotEqual(light, dark);
        await BrowserStack.ScreenshotAsync(page, "shell-dark");

        // A static page (sign-in's form sets a cookie) loads in full and keeps the choice.
        await Browsing.OpenAsync(page, "/integrations", "Integrations");
        Assert.Equal(dark, await BackgroundAsync(page));

        await page.GetByRole(AriaRole.Button, new() { Name = "Use the light theme" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Use the dark theme" })).ToBeVisibleAsync();
        Assert.Equal(light, await BackgroundAsync(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_dropped_circuit_shows_the_banner_and_the_page_works_again_once_it_reconnects()
    {
        var page = await stack.NewPageAsync();
        await Browsing.SignUpAsync(page, "offline@browser.test", "Offline Co");
        await Browsing.OpenAsync(page, "/activity", "Activity");
        await Browsing.WaitForCircuitAsync(page);
        var banner = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(banner).ToBeHiddenAsync();

        await page.Context.SetOfflineAsync(true);
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToContainTextAsync("connection to the hub was lost");
        await BrowserStack.ScreenshotAsync(page, "shell-reconnecting");

        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(banner).ToBeHiddenAsync();
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await nav.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Offline Co");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The page's background once its theme applies: until the stylesheets have loaded the body is transparent, and on a
    /// loaded machine the heading can be there first (a run read "rgba(0, 0, 0, 0)" as the light theme's colour).
    /// </summary>
    private static async Task<string> BackgroundAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor !== 'rgba(0, 0, 0, 0)'");
        return await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
    }
}
