using Microsoft.Playwright;

namespace IntegrationHub.Browser.Tests;

/// <summary>A person in Chromium: connect, see it, disconnect; a wrong secret; an admin's revocation seen by the tenant.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConnectBrowserTests(BrowserStack stack)
{
    [Fact]
    public async Task Sign_in_connect_gitlab_com_through_the_consent_page_see_it_and_disconnect()
    {
        var page = await stack.NewPageAsync();
        await SignInAsync(page, stack.Credentials.DemoEmail, stack.Credentials.DemoPassword);
        await page.GotoAsync("/integrations");
        await BrowserStack.ScreenshotAsync(page, "01-integrations");

        await page.ClickAsync("#connect-gitlab-com");
        await page.WaitForURLAsync(url => url.StartsWith(stack.SimUrl, StringComparison.Ordinal));
        await BrowserStack.ScreenshotAsync(page, "02-gitlab-consent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await page.WaitForURLAsync("**/integrations?connected=*");
        await Assertions.Expect(page.Locator("#connect-ok")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#connections")).ToContainTextAsync("GitLab · demo");
        await BrowserStack.ScreenshotAsync(page, "03-connected");

        await page.Locator("#connections a", new() { HasText = "Disconnect" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Disconnect");
        await BrowserStack.ScreenshotAsync(page, "04-disconnect-confirm");
        await page.ClickAsync("#confirm-disconnect");
        // The worker removes the webhooks discovery registered; the page reloads itself (no script) until it is done.
        await Assertions.Expect(page.Locator("#disconnect-done")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await BrowserStack.ScreenshotAsync(page, "05-disconnected");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Self_hosted_GitLab_with_a_wrong_secret_shows_the_error()
    {
        var page = await stack.NewPageAsync();
        await SignUpAsync(page, "selfhosted@browser.test", "Self Hosted Inc");
        await page.GotoAsync("/integrations/gitlab/own-app");
        await Assertions.Expect(page.Locator("#callback-url")).ToHaveTextAsync($"{stack.HubUrl}/connect/gitlab/callback");
        await page.GetByLabel("Base URL").FillAsync(stack.SimUrl + "/gitlab");
        await page.GetByLabel("Application ID").FillAsync("demo-gitlab-app");
        await page.GetByLabel("Secret").FillAsync("not-the-secret");
        await BrowserStack.ScreenshotAsync(page, "06-self-hosted-gitlab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to GitLab" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await page.WaitForURLAsync("**/integrations?error=*");
        await Assertions.Expect(page.Locator("#connect-error")).ToContainTextAsync("did not accept the application's client ID or secret");
        await BrowserStack.ScreenshotAsync(page, "07-wrong-secret");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_revokes_a_tenants_connection_and_the_tenant_sees_why()
    {
        var tenant = await stack.NewPageAsync();
        await SignUpAsync(tenant, "carol@browser.test", "Carol Co");
        await tenant.GotoAsync("/integrations/azure-devops");
        await tenant.GetByLabel("Organization URL").FillAsync(stack.SimUrl + "/azure-devops/demo-org");
        await tenant.GetByLabel("Personal access token").FillAsync("ado-demo-personal-token");
        await tenant.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await tenant.WaitForURLAsync("**/integrations?connected=*");

        var admin = await stack.NewPageAsync();
        await SignInAsync(admin, stack.Credentials.AdminEmail, stack.Credentials.AdminPassword);
        await admin.GotoAsync("/admin/connections?tenant=Carol");
        await BrowserStack.ScreenshotAsync(admin, "08-admin-connections");
        await admin.Locator("#admin-connections a", new() { HasText = "Revoke" }).First.ClickAsync();
        await admin.Locator("#reason").FillAsync("Suspicious activity reported by the security team");
        await admin.ClickAsync("#confirm-revoke");
        await Assertions.Expect(admin.Locator("#revoke-result")).ToContainTextAsync("Revoked.");
        await BrowserStack.ScreenshotAsync(admin, "09-admin-revoked");

        await tenant.GotoAsync("/integrations");
        await Assertions.Expect(tenant.Locator("#connections")).ToContainTextAsync("Revoked by an administrator. Reason: Suspicious activity reported by the security team");
        await BrowserStack.ScreenshotAsync(tenant, "10-tenant-sees-revocation");
        await tenant.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));
    }

    private static async Task SignUpAsync(IPage page, string email, string tenant)
    {
        await page.GotoAsync("/account/signup");
        await page.GetByLabel("Your name").FillAsync("Browser Person");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("correct-horse-battery");
        await page.GetByLabel("Tenant").FillAsync(tenant);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/signup", StringComparison.Ordinal));
    }
}
