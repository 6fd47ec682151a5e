using System.Net;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Tests.Connect;

/// <summary>Provider refusals and unsafe base URLs are shown in plain words with a way back, and nothing is stored.</summary>
public sealed class ProviderErrorTests
{
    [Fact]
    public async Task Self_hosted_GitLab_page_shows_the_exact_callback_url_and_scopes()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        string html = await (await browser.GetAsync("/integrations/gitlab/own-app")).Content.ReadAsStringAsync();

        Assert.Contains("<code id=\"callback-url\">http://localhost/connect/gitlab/callback</code>", html);
        Assert.Contains("<code id=\"scopes\">api read_user read_api</code>", html);
    }

    [Fact]
    public async Task Self_hosted_GitLab_with_a_wrong_secret_shows_the_error_and_stores_nothing()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        var start = await Forms.SubmitAsync(browser, "/integrations/gitlab/own-app", "own-app", new Dictionary<string, string>
        {
            ["Input.BaseUrl"] = world.SimUrl + "/gitlab", ["Input.ClientId"] = "demo-gitlab-app", ["Input.ClientSecret"] = "wrong-secret",
        });
        // The page answers 200 with its own error when it refuses the form (an unreachable instance, ...): say which.
        Assert.True(start.StatusCode == HttpStatusCode.Redirect,
            $"{start.StatusCode}: {System.Text.RegularExpressions.Regex.Match(await start.Content.ReadAsStringAsync(), "role=\"alert\"[^>]*>(.{0,300})", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value}");
        string next = await HubWorld.CallbackAsync(browser, await world.ApproveAsync(start.Headers.Location!));

        Assert.Contains("error=invalid_client", next);
        string page = await (await browser.GetAsync(next)).Content.ReadAsStringAsync();
        Assert.Contains("did not accept the application&#x27;s client ID or secret", page);
        Assert.Contains("Back to integrations", page);
        Assert.DoesNotContain("wrong-secret", page);
        Assert.Empty(await world.ConnectionsAsync());
    }

    [Fact]
    public async Task Denied_consent_is_shown_in_plain_words()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        var authorize = await world.StartPlatformAsync(browser, "github");

        string callback = await world.ApproveAsync(new Uri(QueryHelpers.AddQueryString(authorize.AbsoluteUri, "decision", "deny")));
        string next = await HubWorld.CallbackAsync(browser, callback);

        Assert.Contains("error=access_denied", next);
        Assert.Contains("Access was not granted at the provider.", await (await browser.GetAsync(next)).Content.ReadAsStringAsync());
        Assert.Empty(await world.ConnectionsAsync());
    }

    [Fact]
    public async Task Scope_not_allowed_on_the_consumer_is_reported()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options(o =>
            o.OAuthApps.Single(a => a.Provider == "bitbucket").Scopes = ["repository", "account"]));
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        string next = await world.ConnectPlatformAsync(browser, "bitbucket-cloud");

        Assert.Contains("error=invalid_scope", next);
        Assert.Contains("refused the requested permissions", await (await browser.GetAsync(next)).Content.ReadAsStringAsync());
        Assert.Empty(await world.ConnectionsAsync());
    }

    [Fact]
    public async Task Callback_after_the_platform_app_secret_was_removed_shows_not_configured_instead_of_failing()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        var authorize = await world.StartPlatformAsync(browser, "gitlab");
        string callback = await world.ApproveAsync(authorize);
        // Another node (or this one after a configuration change) finishes the flow without the platform app's secret.
        await using var changed = world.Hub.WithWebHostBuilder(b => b.ConfigureAppConfiguration(c =>
            c.AddInMemoryCollection(new Dictionary<string, string?> { ["Hub:Providers:GitLab:ClientSecret"] = "" })));
        var other = changed.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(other, "ada@a.test")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, callback);
        request.Headers.Add("Cookie", string.Join("; ", world.LastCookies.Select(kv => $"{kv.Key}={kv.Value}")));

        using var response = await other.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        string next = response.Headers.Location!.ToString();
        Assert.Contains("error=" + IntegrationHub.Connect.ConnectErrors.NotConfigured, next);
        Assert.Contains("not set up by the operator", await (await other.GetAsync(next)).Content.ReadAsStringAsync());
        Assert.Empty(await world.ConnectionsAsync());
    }

    [Theory]
    [InlineData("repo read:user", "admin:repo_hook")]
    [InlineData("", "repo admin:repo_hook read:user")]
    public async Task Fewer_scopes_granted_than_needed_is_refused_as_missing_scope(string granted, string missing)
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        var authorize = await world.StartPlatformAsync(browser, "github");

        // The person edits the requested scopes on GitHub's consent page, down to none: an empty grant is not "unknown".
        string callback = await world.ApproveAsync(new Uri(QueryHelpers.AddQueryString(authorize.AbsoluteUri, "granted_scope", granted)));
        string next = await HubWorld.CallbackAsync(browser, callback);

        Assert.Contains("error=missing_scope", next);
        string page = WebUtility.HtmlDecode(await (await browser.GetAsync(next)).Content.ReadAsStringAsync());
        Assert.Contains("granted fewer permissions than the hub needs", page);
        Assert.Contains($"Missing: <code>{missing}</code>", page);
        Assert.Empty(await world.ConnectionsAsync());
    }

    [Theory]
    [InlineData("https://127.0.0.1/gitlab", "private, loopback or link-local")]
    [InlineData("https://10.1.2.3", "private, loopback or link-local")]
    [InlineData("https://169.254.169.254", "private, loopback or link-local")]
    [InlineData("https://[::1]:8443", "private, loopback or link-local")]
    [InlineData("https://user:pw@gitlab.example.com", "must not contain a user name")]
    [InlineData("gitlab.example.com", "Enter the full address")]
    public async Task Unsafe_base_urls_are_refused_when_typed(string baseUrl, string message)
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        var response = await Forms.SubmitAsync(browser, "/integrations/gitlab/own-app", "own-app", new Dictionary<string, string>
        {
            ["Input.BaseUrl"] = baseUrl, ["Input.ClientId"] = "id", ["Input.ClientSecret"] = "secret",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Http_base_url_is_refused_unless_the_operator_allows_it()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options() with { Settings = new Dictionary<string, string?> { ["Hub:Security:AllowHttpBaseUrls"] = "false" } });
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        var response = await Forms.SubmitAsync(browser, "/integrations/azure-devops", "azure-devops", new Dictionary<string, string>
        {
            ["Input.OrganizationUrl"] = world.SimUrl + "/azure-devops/demo-org", ["Input.Pat"] = "ado-demo-personal-token",
        });

        Assert.Contains("must start with https://", await response.Content.ReadAsStringAsync());
        Assert.Empty(await world.ConnectionsAsync());
    }
}
