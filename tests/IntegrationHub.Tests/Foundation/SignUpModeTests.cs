using System.Net;
using IntegrationHub.Local;
using IntegrationHub.Tests.World;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Foundation;

/// <summary>Sign-up open to all, closed, or by invitation (listed e-mails and domains), by setting.</summary>
public sealed class SignUpModeTests
{
    [Fact]
    public async Task Closed_sign_up_says_so_and_refuses_the_post()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Settings = new Dictionary<string, string?> { ["Hub:SignUp:Mode"] = "closed" } });
        var browser = world.Browser();

        string page = await (await browser.GetAsync("/account/signup")).Content.ReadAsStringAsync();
        Assert.Contains("Sign-up is closed on this hub", page);
        Assert.DoesNotContain("Input.Password", page);
        Assert.DoesNotContain("/account/signup", await (await browser.GetAsync("/account/signin")).Content.ReadAsStringAsync());

        // What a client that kept an old form (or wrote its own) posts.
        var post = await Forms.SignUpAsync(browser, "mallory@example.test", "Uninvited");

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("Sign-up is closed on this hub", await post.Content.ReadAsStringAsync());
        await using var db = TestDb.Create(world.ConnectionString, tenantId: null);
        Assert.False(await db.Users.AnyAsync());
        Assert.False(await db.Tenants.AnyAsync());
    }

    [Fact]
    public async Task Invite_mode_admits_the_listed_emails_and_domains_only()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Hub:SignUp:Mode"] = "invite",
                ["Hub:SignUp:AllowedEmails:0"] = "ada@example.test",
                ["Hub:SignUp:AllowedDomains:0"] = "partner.test",
            },
        });

        Assert.Contains("Sign-up is by invitation", await (await world.Browser().GetAsync("/account/signup")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignUpAsync(world.Browser(), "Ada@Example.test", "Engines")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignUpAsync(world.Browser(), "bob@partner.test", "Partner")).StatusCode);
        foreach (string uninvited in new[] { "eve@example.test", "eve@sub.partner.test", "eve@partner.test.evil" })
        {
            var refused = await Forms.SignUpAsync(world.Browser(), uninvited, "Uninvited");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("has not been invited", await refused.Content.ReadAsStringAsync());
        }

        await using var db = TestDb.Create(world.ConnectionString, tenantId: null);
        Assert.Equal(["Ada@Example.test", "bob@partner.test"], await db.Users.OrderBy(u => u.Email).Select(u => u.Email!).ToListAsync());
    }

    [Fact]
    public async Task The_demo_seeder_still_creates_accounts_that_sign_in_when_sign_up_is_closed()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Settings = new Dictionary<string, string?> { ["Hub:SignUp:Mode"] = "closed" } });
        string dataDir = Directory.CreateTempSubdirectory("ihub-demo-").FullName;
        try
        {
            DemoCredentials creds;
            await using (var scope = world.Hub.Services.CreateAsyncScope())
            {
                creds = await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync(dataDir, CancellationToken.None);
            }

            Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(world.Browser(), creds.DemoEmail, creds.DemoPassword)).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(world.Browser(), creds.AdminEmail, creds.AdminPassword)).StatusCode);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
