using System.Net;
using IntegrationHub.Tests.World;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.Foundation;

public sealed class AccountTests
{
    [Fact]
    public async Task Sign_up_creates_user_tenant_and_owner_membership_and_signs_in()
    {
        await using var world = await HubWorld.StartAsync();
        var browser = world.Browser();

        var response = await Forms.SignUpAsync(browser, "ada@example.test", "Analytical Engines");

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        Assert.Equal("/", response.Headers.Location!.AbsolutePath);
        string home = await (await browser.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("Analytical Engines", home);
        Assert.Contains("Sign out", home);
        await using var db = TestDb.Create(world.ConnectionString, tenantId: null);
        var user = await db.Users.SingleAsync(u => u.Email == "ada@example.test");
        Assert.NotEqual("correct-horse-battery", user.PasswordHash);
        Assert.StartsWith("AQAAAA", user.PasswordHash); // Identity's PBKDF2 format marker
        var membership = await db.Memberships.IgnoreQueryFilters().SingleAsync(m => m.UserId == user.Id);
        Assert.Equal("owner", membership.Role);
        Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(), a => a == "account.signed_up");
    }

    [Fact]
    public async Task Sign_in_with_right_password_and_sign_out_are_audited()
    {
        await using var world = await HubWorld.StartAsync();
        await Forms.SignUpAsync(world.Browser(), "grace@example.test", "Compilers");
        var browser = world.Browser();

        var signIn = await Forms.SignInAsync(browser, "grace@example.test");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        var signOut = await Forms.SubmitAsync(browser, "/", null, new Dictionary<string, string>(), action: "/account/signout");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/signin", after.Headers.Location!.PathAndQuery);

        await using var db = TestDb.Create(world.ConnectionString, tenantId: null);
        var actions = await db.AuditEntries.Select(a => a.Action).ToListAsync();
        Assert.Contains("account.signed_in", actions);
        Assert.Contains("account.signed_out", actions);
    }

    [Fact]
    public async Task Sign_out_without_antiforgery_token_is_refused_and_keeps_the_user_signed_in()
    {
        await using var world = await HubWorld.StartAsync();
        var browser = world.Browser();
        await Forms.SignUpAsync(browser, "hedy@example.test", "Frequency Hopping");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        // What a hostile page's auto-submitting form sends: the user's cookies, no token.
        var forged = await browser.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Sign out", await home.Content.ReadAsStringAsync());
        await using (var db = TestDb.Create(world.ConnectionString, tenantId: null))
        {
            Assert.DoesNotContain("account.signed_out", await db.AuditEntries.Select(a => a.Action).ToListAsync());
        }

        var signOut = await Forms.SubmitAsync(browser, "/", null, new Dictionary<string, string>(), action: "/account/signout");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/\\/evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("http:/evil.example/")]
    [InlineData("/\t/evil.example/")]
    [InlineData("/\r\n/evil.example/")]
    [InlineData("evil.example")]
    public async Task Sign_in_ignores_a_return_url_that_leaves_the_site(string returnUrl)
    {
        await using var world = await HubWorld.StartAsync();
        await Forms.SignUpAsync(world.Browser(), "joan@example.test", "Cryptanalysis");
        var browser = world.Browser();

        var response = await SignInReturningToAsync(browser, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(new Uri("http://localhost/"), response.Headers.Location!);
        Assert.Equal("localhost", location.Host);
        Assert.DoesNotContain("evil", location.ToString());
        Assert.Equal("/", location.AbsolutePath);
    }

    [Fact]
    public async Task Sign_in_follows_a_local_return_url()
    {
        await using var world = await HubWorld.StartAsync();
        await Forms.SignUpAsync(world.Browser(), "joan@example.test", "Cryptanalysis");
        var browser = world.Browser();

        var response = await SignInReturningToAsync(browser, "/repositories?page=2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(new Uri("http://localhost/"), response.Headers.Location!);
        Assert.Equal("localhost", location.Host);
        Assert.Equal("/repositories?page=2", location.PathAndQuery);
    }

    [Fact]
    public async Task Wrong_password_is_refused_and_shown()
    {
        await using var world = await HubWorld.StartAsync();
        await Forms.SignUpAsync(world.Browser(), "linus@example.test", "Kernels");
        var browser = world.Browser();

        var response = await Forms.SignInAsync(browser, "linus@example.test", "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("do not match", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Form_post_without_antiforgery_token_changes_nothing()
    {
        await using var world = await HubWorld.StartAsync();
        var browser = world.Browser();

        var response = await browser.PostAsync("/account/signup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signup",
            ["Input.DisplayName"] = "Mallory",
            ["Input.Email"] = "mallory@example.test",
            ["Input.Password"] = "correct-horse-battery",
            ["Input.TenantName"] = "Forged",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = TestDb.Create(world.ConnectionString, tenantId: null);
        Assert.False(await db.Users.AnyAsync());
    }

    [Fact]
    public async Task Dashboard_pages_require_sign_in()
    {
        await using var world = await HubWorld.StartAsync();
        var browser = world.Browser();

        foreach (string page in new[] { "/", "/integrations", "/repositories", "/activity", "/admin" })
        {
            var response = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);
        }
    }

    private static async Task<HttpResponseMessage> SignInReturningToAsync(HttpClient browser, string returnUrl) =>
        await Forms.SubmitAsync(browser, "/account/signin?ReturnUrl=" + Uri.EscapeDataString(returnUrl), "signin", new Dictionary<string, string>
        {
            ["Input.Email"] = "joan@example.test",
            ["Input.Password"] = "correct-horse-battery",
        });
}
