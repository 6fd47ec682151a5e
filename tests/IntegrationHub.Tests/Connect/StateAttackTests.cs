using IntegrationHub.Connect;
using IntegrationHub.Providers.Api;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Connect;

/// <summary>The callback refuses every state that is not this browser's own, fresh, unused flow — and stores nothing.</summary>
public sealed class StateAttackTests
{
    [Fact]
    public async Task Forged_state_is_refused_and_nothing_is_stored()
    {
        await using var h = await ConnectHarness.StartAsync();
        var browser = await h.SignUpAsync("ada@a.test", "Tenant A");
        string callback = await h.ApproveAsync(await h.StartPlatformAsync(browser, "gitlab"));
        string forged = Replace(callback, "state", "CfDJ8forged-state-value");

        string next = await ConnectHarness.CallbackAsync(browser, forged);

        Assert.Contains("error=state_invalid", next);
        Assert.Empty(await ConnectDb.ConnectionsAsync(h));
    }

    [Fact]
    public async Task Replayed_state_is_refused_the_second_time()
    {
        await using var h = await ConnectHarness.StartAsync();
        var browser = await h.SignUpAsync("ada@a.test", "Tenant A");
        var authorize = await h.StartPlatformAsync(browser, "gitlab");
        string callback = await h.ApproveAsync(authorize);
        Assert.StartsWith("/integrations?connected=", await ConnectHarness.CallbackAsync(browser, callback));
        var cookie = browser; // the correlation cookie was deleted; replay it as an attacker who kept everything would

        string replay = await ConnectHarness.CallbackAsync(cookie, Replace(callback, "code", "another-code"));

        Assert.Contains("error=state_", replay);
        Assert.Single(await ConnectDb.ConnectionsAsync(h));
    }

    [Fact]
    public async Task Replayed_state_with_its_correlation_cookie_is_refused_by_the_single_use_record()
    {
        await using var h = await ConnectHarness.StartAsync();
        var browser = await h.SignUpAsync("ada@a.test", "Tenant A");
        var authorize = await h.StartPlatformAsync(browser, "gitlab");
        string callback = await h.ApproveAsync(authorize);
        string flow = CookieName(h, authorize);
        string? correlation = GetCookie(h, browser, flow);
        await ConnectHarness.CallbackAsync(browser, callback);

        using var request = new HttpRequestMessage(HttpMethod.Get, callback);
        request.Headers.Add("Cookie", $"{flow}={correlation}");
        var response = await browser.SendAsync(request);

        Assert.Contains("error=state_used", response.Headers.Location!.ToString());
        Assert.Single(await ConnectDb.ConnectionsAsync(h));
    }

    [Fact]
    public async Task Expired_state_is_refused_after_ten_minutes()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var h = await ConnectHarness.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var browser = await h.SignUpAsync("ada@a.test", "Tenant A");
        string callback = await h.ApproveAsync(await h.StartPlatformAsync(browser, "gitlab"));

        clock.Advance(TimeSpan.FromMinutes(11));
        string next = await ConnectHarness.CallbackAsync(browser, callback);

        Assert.Contains("error=state_", next);
        Assert.Empty(await ConnectDb.ConnectionsAsync(h));
    }

    [Fact]
    public async Task State_of_another_tenants_user_is_refused()
    {
        await using var h = await ConnectHarness.StartAsync();
        var alice = await h.SignUpAsync("alice@a.test", "Tenant A");
        var mallory = await h.SignUpAsync("mallory@b.test", "Tenant B");
        // Mallory lures Alice into finishing Mallory's flow (login CSRF), or replays Alice's link in her own session.
        string mallorysCallback = await h.ApproveAsync(await h.StartPlatformAsync(mallory, "gitlab"));
        string alicesCallback = await h.ApproveAsync(await h.StartPlatformAsync(alice, "gitlab"));

        Assert.Contains("error=state_wrong_account", await ConnectHarness.CallbackAsync(alice, mallorysCallback));
        Assert.Contains("error=state_wrong_account", await ConnectHarness.CallbackAsync(mallory, alicesCallback));
        Assert.Empty(await ConnectDb.ConnectionsAsync(h));
    }

    [Fact]
    public async Task Code_issued_for_another_PKCE_challenge_cannot_complete_a_flow()
    {
        await using var h = await ConnectHarness.StartAsync();
        var browser = await h.SignUpAsync("ada@a.test", "Tenant A");
        var authorize = await h.StartPlatformAsync(browser, "gitlab");
        string callback = await h.ApproveAsync(authorize);
        // The attacker got a code for the same client with a challenge of their own and swaps it into the callback.
        var attackerChallenge = Pkce.Challenge(Pkce.CreateVerifier());
        var q = QueryHelpers.ParseQuery(authorize.Query);
        string attackerAuthorize = QueryHelpers.AddQueryString(h.SimUrl + "/gitlab/oauth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = q["client_id"], ["redirect_uri"] = q["redirect_uri"], ["scope"] = q["scope"],
            ["state"] = "x", ["code_challenge"] = attackerChallenge, ["code_challenge_method"] = "S256",
        });
        string attackerCode = QueryHelpers.ParseQuery(new Uri(await h.ApproveAsync(new Uri(attackerAuthorize))).Query)["code"]!;

        string next = await ConnectHarness.CallbackAsync(browser, Replace(callback, "code", attackerCode));

        Assert.Contains("error=invalid_grant", next);
        Assert.Empty(await ConnectDb.ConnectionsAsync(h));
        Assert.Contains("connection.connect_refused", await ConnectDb.AuditActionsAsync(h));
    }

    [Theory]
    [InlineData("gitlab", "/gitlab/oauth/authorize")]
    [InlineData("github", "/github/login/oauth/authorize")]
    public async Task Code_issued_without_PKCE_cannot_complete_a_flow(string provider, string authorizePath)
    {
        await using var h = await ConnectHarness.StartAsync();
        var browser = await h.SignUpAsync("ada@a.test", "Tenant A");
        var authorize = await h.StartPlatformAsync(browser, provider);
        string callback = await h.ApproveAsync(authorize);
        // "PKCE downgrade": the attacker authorizes the same client without any code_challenge and swaps that code into
        // the victim's callback, hoping the provider accepts the victim's verifier for a code that never had a challenge.
        var q = QueryHelpers.ParseQuery(authorize.Query);
        string attackerAuthorize = QueryHelpers.AddQueryString(h.SimUrl + authorizePath, new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = q["client_id"], ["redirect_uri"] = q["redirect_uri"], ["scope"] = q["scope"], ["state"] = "x",
        });
        string attackerCode = QueryHelpers.ParseQuery(new Uri(await h.ApproveAsync(new Uri(attackerAuthorize))).Query)["code"]!;

        string next = await ConnectHarness.CallbackAsync(browser, Replace(callback, "code", attackerCode));

        Assert.Contains("error=invalid_grant", next);
        Assert.Empty(await ConnectDb.ConnectionsAsync(h));
        Assert.Contains("connection.connect_refused", await ConnectDb.AuditActionsAsync(h));
    }

    [Fact]
    public async Task Callback_without_a_code_is_refused_and_stores_nothing()
    {
        await using var h = await ConnectHarness.StartAsync();
        var browser = await h.SignUpAsync("ada@a.test", "Tenant A");
        string callback = await h.ApproveAsync(await h.StartPlatformAsync(browser, "gitlab"));

        string next = await ConnectHarness.CallbackAsync(browser, Replace(callback, "code", ""));

        Assert.Contains("error=" + ConnectErrors.CodeMissing, next);
        Assert.Contains("sent no authorization code back", await (await browser.GetAsync(next)).Content.ReadAsStringAsync());
        Assert.Empty(await ConnectDb.ConnectionsAsync(h));
    }

    private static string Replace(string url, string name, string value)
    {
        var uri = new Uri(url);
        var query = QueryHelpers.ParseQuery(uri.Query).ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());
        query[name] = value;
        return QueryHelpers.AddQueryString(uri.GetLeftPart(UriPartial.Path), query);
    }

    private static string CookieName(ConnectHarness h, Uri authorize)
    {
        string state = QueryHelpers.ParseQuery(authorize.Query)["state"]!;
        var payload = h.Services.GetRequiredService<OAuthStateProtector>().Unprotect(state)!;
        return OAuthFlow.CookiePrefix + payload.FlowId.ToString("N");
    }

    private static string? GetCookie(ConnectHarness h, HttpClient browser, string name)
    {
        _ = browser;
        return h.LastCookies.TryGetValue(name, out var v) ? v : null;
    }
}
