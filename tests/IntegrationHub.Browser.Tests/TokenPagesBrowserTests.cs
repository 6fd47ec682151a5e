using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IntegrationHub.Browser.Tests;

/// <summary>
/// The "Add a token" page on its circuit: a webhook-only Bitbucket Data Center connection made on the form, then a
/// token that the provider refuses (said on the page, the field emptied, nothing stored) and one it accepts (back on
/// Integrations with the notice).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class TokenPagesBrowserTests(BrowserStack stack)
{
    [Fact]
    public async Task A_webhook_only_connection_refuses_a_bad_token_on_the_page_and_takes_a_good_one()
    {
        var page = await stack.NewPageAsync();
        await Browsing.SignUpAsync(page, "addtoken@each.test", "Each Add Token");
        await Browsing.OpenLiveAsync(page, "/integrations/bitbucket-dc", "Bitbucket Data Center");
        await page.GetByLabel("Base URL").FillAsync(stack.SimUrl + "/bitbucket-dc");
        await page.GetByLabel("Project key").FillAsync("DEMO-TEAM2");
        await page.GetByLabel("Repository slug").FillAsync("service2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.Locator("#webhook-secret")).Not.ToBeEmptyAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Done", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Integrations");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a token", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Add a token to Bitbucket Data Center · DEMO-TEAM2/service2");
        await Browsing.WaitForCircuitAsync(page);
        await page.GetByLabel("HTTP access token").FillAsync("not-a-real-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add token" }).ClickAsync();

        await Assertions.Expect(page.Locator("#token-error")).ToContainTextAsync("The provider did not accept this token");
        await Assertions.Expect(page.GetByLabel("HTTP access token")).ToHaveValueAsync(""); // the token is not kept on the page
        await BrowserStack.ScreenshotAsync(page, "token-01-add-token-refused");

        await page.GetByLabel("HTTP access token").FillAsync("bbdc-demo-personal-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add token" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(TokenAddedUrl());
        await Assertions.Expect(page.Locator("#token-added")).ToContainTextAsync("Token added.");
        await Assertions.Expect(page.Locator("#connections")).Not.ToContainTextAsync("no token was given");
        await BrowserStack.ScreenshotAsync(page, "token-02-token-added");
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"/integrations\?token-added=[0-9a-f-]{36}")]
    private static partial Regex TokenAddedUrl();
}
