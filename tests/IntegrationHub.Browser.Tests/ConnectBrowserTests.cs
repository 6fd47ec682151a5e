using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IntegrationHub.Browser.Tests;

/// <summary>
/// A person in Chromium: connect, see it, disconnect; a wrong secret; an admin's revocation seen by the tenant.
/// Every wait is for what the page shows (a URL, a heading, a message), never for a load state or a fixed time.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConnectBrowserTests(BrowserStack stack)
{
    [Fact]
    public async Task Sign_in_connect_gitlab_com_through_the_consent_page_see_it_and_disconnect()
    {
        var page = await stack.NewPageAsync();
        var csp = Browsing.WatchCsp(page);
        await Browsing.SignInAsync(page, stack.Credentials.DemoEmail, stack.Credentials.DemoPassword);
        await Browsing.OpenAsync(page, "/integrations", "Integrations");
        await BrowserStack.ScreenshotAsync(page, "01-integrations");

        // The form posts to the hub, which redirects to the provider: the page's CSP form-action must allow that redirect.
        await page.ClickAsync("#connect-gitlab-com");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToBeVisibleAsync();
        Assert.StartsWith(stack.SimUrl, page.Url, StringComparison.Ordinal);
        await BrowserStack.ScreenshotAsync(page, "02-gitlab-consent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(ConnectedUrl());
        await Assertions.Expect(page.Locator("#connect-ok")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#connections")).ToContainTextAsync("GitLab · demo");
        await BrowserStack.ScreenshotAsync(page, "03-connected");

        await page.Locator("#connections a", new() { HasText = "Disconnect" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Disconnect");
        await Browsing.WaitForCircuitAsync(page);
        await BrowserStack.ScreenshotAsync(page, "04-disconnect");
        await Browsing.ConfirmAsync(page, "Disconnect…", "Disconnect GitLab · demo?", "Disconnect", "04-disconnect-confirm");
        // The worker removes the webhooks discovery registered; the page follows it live until it is done.
        await Assertions.Expect(page.Locator("#disconnect-done")).ToBeVisibleAsync(new() { Timeout = 3 * BrowserStack.WaitMs });
        await BrowserStack.ScreenshotAsync(page, "05-disconnected");
        Assert.Empty(csp);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Self_hosted_GitLab_with_a_wrong_secret_shows_the_error()
    {
        var page = await stack.NewPageAsync();
        var csp = Browsing.WatchCsp(page);
        await Browsing.SignUpAsync(page, "selfhosted@browser.test", "Self Hosted Inc");
        await Browsing.OpenAsync(page, "/integrations/gitlab/own-app", "Self-hosted GitLab");
        await Assertions.Expect(page.Locator("#callback-url")).ToHaveTextAsync($"{stack.HubUrl}/connect/gitlab/callback");
        await page.GetByLabel("Base URL").FillAsync(stack.SimUrl + "/gitlab");
        await page.GetByLabel("Application ID").FillAsync("demo-gitlab-app");
        await page.GetByLabel("Secret").FillAsync("not-the-secret");
        await BrowserStack.ScreenshotAsync(page, "06-self-hosted-gitlab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to GitLab" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(ErrorUrl());
        await Assertions.Expect(page.Locator("#connect-error")).ToContainTextAsync("did not accept the application's client ID or secret");
        await BrowserStack.ScreenshotAsync(page, "07-wrong-secret");
        Assert.Empty(csp);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_revokes_a_tenants_connection_and_the_tenant_sees_why()
    {
        var tenant = await stack.NewPageAsync();
        await Browsing.SignUpAsync(tenant, "carol@browser.test", "Carol Co");
        await Browsing.OpenLiveAsync(tenant, "/integrations/azure-devops", "Azure DevOps");
        await tenant.GetByLabel("Organization URL").FillAsync(stack.SimUrl + "/azure-devops/demo-org");
        await tenant.GetByLabel("Personal access token").FillAsync("ado-demo-personal-token");
        await tenant.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await Assertions.Expect(tenant).ToHaveURLAsync(ConnectedUrl());
        await Assertions.Expect(tenant.Locator("#connect-ok")).ToBeVisibleAsync();

        var admin = await stack.NewPageAsync();
        await Browsing.SignInAsync(admin, stack.Credentials.AdminEmail, stack.Credentials.AdminPassword);
        await Browsing.OpenAsync(admin, "/admin/connections?tenant=Carol", "connections");
        await Assertions.Expect(admin.Locator("#admin-connections")).ToContainTextAsync("Carol Co");
        await BrowserStack.ScreenshotAsync(admin, "08-admin-connections");
        await admin.Locator("#admin-connections a", new() { HasText = "Revoke" }).First.ClickAsync();
        await Assertions.Expect(admin.Locator("h1")).ToContainTextAsync("Revoke");
        await Browsing.WaitForCircuitAsync(admin);
        await admin.GetByLabel("Reason (shown to the tenant)").FillAsync("Suspicious activity reported by the security team");
        await Browsing.ConfirmAsync(admin, "Revoke…", "of Carol Co?", "Revoke", "09-admin-revoke-confirm");
        await Assertions.Expect(admin.Locator("#revoke-result")).ToContainTextAsync("Revoked.");
        await BrowserStack.ScreenshotAsync(admin, "09-admin-revoked-done");

        await Browsing.OpenAsync(tenant, "/integrations", "Integrations");
        await Assertions.Expect(tenant.Locator("#connections")).ToContainTextAsync("Revoked by an administrator. Reason: Suspicious activity reported by the security team");
        await BrowserStack.ScreenshotAsync(tenant, "10-tenant-sees-revocation");
        await tenant.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [GeneratedRegex(@"/integrations\?connected=")]
    private static partial Regex ConnectedUrl();

    [GeneratedRegex(@"/integrations\?error=")]
    private static partial Regex ErrorUrl();
}
