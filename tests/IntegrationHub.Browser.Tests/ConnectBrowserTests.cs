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
        var csp = WatchCsp(page);
        await SignInAsync(page, stack.Credentials.DemoEmail, stack.Credentials.DemoPassword);
        await OpenAsync(page, "/integrations", "Integrations");
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
        await BrowserStack.ScreenshotAsync(page, "04-disconnect-confirm");
        await page.ClickAsync("#confirm-disconnect");
        // The worker removes the webhooks discovery registered; the page reloads itself (no script) until it is done.
        await Assertions.Expect(page.Locator("#disconnect-done")).ToBeVisibleAsync(new() { Timeout = 3 * BrowserStack.WaitMs });
        await BrowserStack.ScreenshotAsync(page, "05-disconnected");
        Assert.Empty(csp);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Self_hosted_GitLab_with_a_wrong_secret_shows_the_error()
    {
        var page = await stack.NewPageAsync();
        var csp = WatchCsp(page);
        await SignUpAsync(page, "selfhosted@browser.test", "Self Hosted Inc");
        await OpenAsync(page, "/integrations/gitlab/own-app", "Self-hosted GitLab");
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
        await SignUpAsync(tenant, "carol@browser.test", "Carol Co");
        await OpenAsync(tenant, "/integrations/azure-devops", "Azure DevOps");
        await tenant.GetByLabel("Organization URL").FillAsync(stack.SimUrl + "/azure-devops/demo-org");
        await tenant.GetByLabel("Personal access token").FillAsync("ado-demo-personal-token");
        await tenant.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await Assertions.Expect(tenant).ToHaveURLAsync(ConnectedUrl());
        await Assertions.Expect(tenant.Locator("#connect-ok")).ToBeVisibleAsync();

        var admin = await stack.NewPageAsync();
        await SignInAsync(admin, stack.Credentials.AdminEmail, stack.Credentials.AdminPassword);
        await OpenAsync(admin, "/admin/connections?tenant=Carol", "connections");
        await Assertions.Expect(admin.Locator("#admin-connections")).ToContainTextAsync("Carol Co");
        await BrowserStack.ScreenshotAsync(admin, "08-admin-connections");
        await admin.Locator("#admin-connections a", new() { HasText = "Revoke" }).First.ClickAsync();
        await admin.Locator("#reason").FillAsync("Suspicious activity reported by the security team");
        await admin.ClickAsync("#confirm-revoke");
        await Assertions.Expect(admin.Locator("#revoke-result")).ToContainTextAsync("Revoked.");
        await BrowserStack.ScreenshotAsync(admin, "09-admin-revoked");

        await OpenAsync(tenant, "/integrations", "Integrations");
        await Assertions.Expect(tenant.Locator("#connections")).ToContainTextAsync("Revoked by an administrator. Reason: Suspicious activity reported by the security team");
        await BrowserStack.ScreenshotAsync(tenant, "10-tenant-sees-revocation");
        await tenant.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    /// <summary>Navigates and waits until the page shows its heading (not for the load event).</summary>
    private static async Task OpenAsync(IPage page, string path, string heading)
    {
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(heading);
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await OpenAsync(page, "/account/signin", "Sign in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    private static async Task SignUpAsync(IPage page, string email, string tenant)
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
    private static List<string> WatchCsp(IPage page)
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

    [GeneratedRegex(@"/integrations\?connected=")]
    private static partial Regex ConnectedUrl();

    [GeneratedRegex(@"/integrations\?error=")]
    private static partial Regex ErrorUrl();
}
