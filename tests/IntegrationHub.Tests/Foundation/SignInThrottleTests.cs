using System.Net;
using IntegrationHub.Accounts;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.Foundation;

/// <summary>Sign-in and sign-up throttled per client address and per account, with one answer for known and unknown e-mails.</summary>
public sealed class SignInThrottleTests
{
    [Fact]
    public async Task Sign_in_is_throttled_per_address_with_a_429_page_and_Retry_After()
    {
        var (world, web) = await StartAsync(new() { ["Hub:SignIn:PerAddress"] = "3", ["Hub:SignIn:PerAccount"] = "100" });
        await using var _ = world;
        await Forms.SignUpAsync(PeerAddress.Browser(web, "192.0.2.1"), "ada@example.test", "Engines");
        var attacker = PeerAddress.Browser(web, "198.51.100.1");

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Forms.SignInAsync(attacker, "ada@example.test", "guess-" + i)).StatusCode);
        }

        var throttled = await Forms.SignInAsync(attacker, "ada@example.test"); // even the right password waits now
        await AssertThrottledAsync(throttled, "sign-in", maxSeconds: 300);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(PeerAddress.Browser(web, "198.51.100.2"), "ada@example.test")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_is_throttled_per_account_whatever_address_the_attempts_come_from()
    {
        var (world, web) = await StartAsync(new() { ["Hub:SignIn:PerAccount"] = "2" });
        await using var _ = world;
        await Forms.SignUpAsync(PeerAddress.Browser(web, "192.0.2.1"), "ada@example.test", "Engines");
        await Forms.SignUpAsync(PeerAddress.Browser(web, "192.0.2.2"), "grace@example.test", "Compilers");

        Assert.Equal(HttpStatusCode.OK, (await Forms.SignInAsync(PeerAddress.Browser(web, "198.51.100.1"), "ada@example.test", "guess-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Forms.SignInAsync(PeerAddress.Browser(web, "2001:db8:1::1"), "ada@example.test", "guess-2")).StatusCode);

        await AssertThrottledAsync(await Forms.SignInAsync(PeerAddress.Browser(web, "198.51.100.3"), "ada@example.test"), "sign-in", maxSeconds: 300);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(PeerAddress.Browser(web, "198.51.100.3"), "grace@example.test")).StatusCode);
    }

    [Fact]
    public async Task Unknown_and_known_accounts_get_the_same_answer_refused_and_throttled()
    {
        var (world, web) = await StartAsync(new() { ["Hub:SignIn:PerAccount"] = "2" });
        await using var _ = world;
        await Forms.SignUpAsync(PeerAddress.Browser(web, "192.0.2.1"), "ada@example.test", "Engines");
        var browser = PeerAddress.Browser(web, "198.51.100.1");

        var answers = new List<(string Email, HttpResponseMessage Response)>();
        foreach (string email in new[] { "ada@example.test", "nobody@example.test" })
        {
            for (int i = 0; i < 3; i++)
            {
                answers.Add((email, await Forms.SignInAsync(browser, email, "wrong-password")));
            }
        }

        for (int i = 0; i < 3; i++)
        {
            var (known, unknown) = (answers[i], answers[i + 3]);
            Assert.Equal(known.Response.StatusCode, unknown.Response.StatusCode);
            Assert.Equal(await PageShape.OfAsync(known.Response, known.Email), await PageShape.OfAsync(unknown.Response, unknown.Email));
            Assert.Equal(known.Response.Headers.Contains("Retry-After"), unknown.Response.Headers.Contains("Retry-After"));
        }

        Assert.Equal(HttpStatusCode.OK, answers[0].Response.StatusCode);
        Assert.Contains("do not match", await answers[0].Response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[2].Response.StatusCode);
        await using var db = TestDb.Create(world.ConnectionString, tenantId: null);
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "account.sign_in_failed" && a.Actor == "nobody@example.test"));
    }

    [Fact]
    public async Task Client_addresses_forwarded_by_a_trusted_proxy_are_throttled_apart_and_spoofed_ones_are_not()
    {
        var (world, web) = await StartAsync(new()
        {
            ["Hub:SignIn:PerAddress"] = "2",
            ["Hub:SignIn:PerAccount"] = "100", // only the address limit is at stake here
            ["Hub:Transport:KnownProxies:0"] = "10.0.0.5",
        });
        await using var _ = world;

        async Task<HttpResponseMessage> TryFromAsync(string peer, string forwardedFor)
        {
            var browser = PeerAddress.Browser(web, peer);
            browser.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
            return await Forms.SignInAsync(browser, "nobody@example.test", "wrong-password");
        }

        Assert.Equal(HttpStatusCode.OK, (await TryFromAsync("10.0.0.5", "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TryFromAsync("10.0.0.5", "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TryFromAsync("10.0.0.5", "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TryFromAsync("10.0.0.5", "203.0.113.2")).StatusCode); // another client of the proxy

        // Not a known proxy: its X-Forwarded-For is its own invention, and a new one per attempt buys nothing.
        Assert.Equal(HttpStatusCode.OK, (await TryFromAsync("198.51.100.9", "203.0.113.11")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TryFromAsync("198.51.100.9", "203.0.113.12")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TryFromAsync("198.51.100.9", "203.0.113.13")).StatusCode);
    }

    [Fact]
    public async Task Sign_up_is_throttled_per_address()
    {
        var (world, web) = await StartAsync(new() { ["Hub:SignUp:PerAddress"] = "2" });
        await using var _ = world;

        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignUpAsync(PeerAddress.Browser(web, "198.51.100.1"), "a1@example.test", "T1")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignUpAsync(PeerAddress.Browser(web, "198.51.100.1"), "a2@example.test", "T2")).StatusCode);
        await AssertThrottledAsync(await Forms.SignUpAsync(PeerAddress.Browser(web, "198.51.100.1"), "a3@example.test", "T3"), "sign-up", maxSeconds: 3600);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignUpAsync(PeerAddress.Browser(web, "198.51.100.2"), "a4@example.test", "T4")).StatusCode);

        await using var db = TestDb.Create(world.ConnectionString, tenantId: null);
        Assert.False(await db.Users.AnyAsync(u => u.Email == "a3@example.test"));
    }

    [Fact]
    public async Task Sign_up_with_a_registered_email_does_not_say_it_is_registered()
    {
        var (world, web) = await StartAsync([]);
        await using var _ = world;
        await Forms.SignUpAsync(PeerAddress.Browser(web, "192.0.2.1"), "ada@example.test", "Engines");

        var again = await Forms.SignUpAsync(PeerAddress.Browser(web, "198.51.100.1"), "ADA@example.test", "Another");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        string html = WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync());
        Assert.Contains(AccountService.NotCreated, html);
        Assert.DoesNotContain("taken", html, StringComparison.OrdinalIgnoreCase);
        await using var db = TestDb.Create(world.ConnectionString, tenantId: null);
        Assert.Equal(1, await db.Tenants.CountAsync());
    }

    /// <summary>The world's hub behind a peer address of the test's choosing (the world's own host is not started).</summary>
    private static async Task<(HubWorld World, WebApplicationFactory<Program> Web)> StartAsync(Dictionary<string, string?> settings)
    {
        var world = await HubWorld.StartAsync(new HubWorldOptions { Settings = settings, WebHost = false });
        return (world, PeerAddress.On(world.Hub));
    }

    private static async Task AssertThrottledAsync(HttpResponseMessage response, string what, int maxSeconds)
    {
        string html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{(int)response.StatusCode}: {html}");
        int seconds = int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, maxSeconds);
        Assert.Contains($"Too many {what} attempts", html);
        Assert.Contains("<form", html); // the page, ready for the next try
        Assert.DoesNotContain("ihub.auth=", string.Join(";", response.Headers.TryGetValues("Set-Cookie", out var c) ? c : []));
    }
}
