using System.Net;
using System.Text.RegularExpressions;
using IntegrationHub.Tests.World;
using IntegrationHub.Transport;

namespace IntegrationHub.Tests.Foundation;

/// <summary>Behind a TLS-terminating proxy: which forwarded headers are believed, Secure cookies, HSTS, the CSP.</summary>
public sealed partial class TransportTests
{
    private const string Proxy = "10.0.0.5";

    [Fact]
    public async Task Https_forwarded_by_a_trusted_proxy_gets_Secure_cookies_HSTS_and_https_redirects()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Settings = new Dictionary<string, string?> { ["Hub:Transport:KnownProxies:0"] = Proxy } });
        var web = PeerAddress.On(world.Hub);
        await Forms.SignUpAsync(PeerAddress.Browser(web, "192.0.2.10"), "ada@example.test", "Engines");

        var (page, signIn) = await SignInThroughAsync(PeerAddress.Browser(web, Proxy, handleCookies: false), "https");

        Assert.Equal("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("https", signIn.Headers.Location!.Scheme);
        string auth = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ihub.auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_known_proxy_are_ignored()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Settings = new Dictionary<string, string?> { ["Hub:Transport:KnownProxies:0"] = Proxy } });
        var web = PeerAddress.On(world.Hub);
        await Forms.SignUpAsync(PeerAddress.Browser(web, "192.0.2.10"), "ada@example.test", "Engines");

        var (page, signIn) = await SignInThroughAsync(PeerAddress.Browser(web, "198.51.100.7", handleCookies: false), "https");

        AssertPlainHttp(page, signIn);
    }

    [Fact]
    public async Task Nothing_is_trusted_by_default_not_even_loopback_and_plain_http_works()
    {
        await using var world = await HubWorld.StartAsync();
        var web = PeerAddress.On(world.Hub);
        await Forms.SignUpAsync(PeerAddress.Browser(web, "192.0.2.10"), "ada@example.test", "Engines");

        var (page, signIn) = await SignInThroughAsync(PeerAddress.Browser(web, "127.0.0.1", handleCookies: false), "https");

        AssertPlainHttp(page, signIn);
    }

    [Fact]
    public async Task Dashboard_pages_carry_a_strict_content_security_policy_and_the_other_security_headers()
    {
        await using var world = await HubWorld.StartAsync();
        var browser = world.Browser();
        await Forms.SignUpAsync(browser, "ada@example.test", "Engines");

        foreach (string path in new[] { "/", "/integrations", "/repositories", "/activity", "/account/signin", "/no-such-page" })
        {
            var response = await (path == "/account/signin" ? world.Browser() : browser).GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.Equal(ContentSecurityPolicy.Base + "; " + ContentSecurityPolicy.Styles, Csp(response));
            Assert.Contains("default-src 'self'", Csp(response));
            Assert.Contains("frame-ancestors 'none'", Csp(response));
            Assert.Contains("form-action 'self';", Csp(response));
            Assert.DoesNotContain("script-src", Csp(response)); // scripts from this origin only: no inline, no eval
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), path);
        }
    }

    [Fact]
    public async Task Connect_pages_let_their_forms_lead_only_to_the_providers_they_redirect_to()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Hub:Providers:GitLab:ClientId"] = "platform-app",
                ["Hub:Providers:GitLab:ClientSecret"] = "platform-secret",
                ["Hub:Providers:GitLab:BaseUrl"] = "https://gitlab.example.test",
            },
        });
        var browser = world.Browser();
        await Forms.SignUpAsync(browser, "ada@example.test", "Engines");

        string integrations = Csp(await browser.GetAsync("/integrations"));
        string ownApp = Csp(await browser.GetAsync("/integrations/gitlab/own-app"));

        Assert.Equal(ContentSecurityPolicy.Base + " https://gitlab.example.test; " + ContentSecurityPolicy.Styles, integrations);
        // The tenant types the instance, so only the scheme can be named; http is not allowed here by default.
        Assert.Equal(ContentSecurityPolicy.Base + " https:; " + ContentSecurityPolicy.Styles, ownApp);
    }

    private static void AssertPlainHttp(HttpResponseMessage page, HttpResponseMessage signIn)
    {
        Assert.False(page.Headers.Contains("Strict-Transport-Security"), page.Headers.ToString());
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("http", signIn.Headers.Location!.Scheme);
        Assert.DoesNotContain("; secure", signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ihub.auth=", StringComparison.Ordinal)),
            StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Signs in the way a browser behind the proxy would, keeping cookies by hand: HttpClient's cookie container would
    /// not send a Secure cookie back over what it thinks is http.
    /// </summary>
    private static async Task<(HttpResponseMessage Page, HttpResponseMessage SignIn)> SignInThroughAsync(HttpClient client, string forwardedProto)
    {
        client.BaseAddress = new Uri("http://hub.example.test");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");
        var page = await client.GetAsync("/account/signin");
        string html = await page.Content.ReadAsStringAsync();
        string cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "signin",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value),
                ["Input.Email"] = "ada@example.test",
                ["Input.Password"] = "correct-horse-battery",
            }),
        };
        post.Headers.Add("Cookie", cookies);
        return (page, await client.SendAsync(post));
    }

    private static string Csp(HttpResponseMessage response) => response.Headers.GetValues("Content-Security-Policy").Single();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
