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
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        string callback = await world.ApproveAsync(await world.StartPlatformAsync(browser, "gitlab"));
        string forged = Replace(callback, "state", "CfDJ8forged-state-value");

        string next = await HubWorld.CallbackAsync(browser, forged);

        Assert.Contains("error=state_invalid", next);
        Assert.Empty(await world.ConnectionsAsync());
    }

    [Fact]
    public async Task Replayed_state_is_refused_the_second_time()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        var authorize = await world.StartPlatformAsync(browser, "gitlab");
        string callback = await world.ApproveAsync(authorize);
        Assert.StartsWith("/integrations?connected=", await HubWorld.CallbackAsync(browser, callback));
        var cookie = browser; // the correlation cookie was deleted; replay it as an attacker who kept everything would

        string replay = await HubWorld.CallbackAsync(cookie, Replace(callback, "code", "another-code"));

        Assert.Contains("error=state_", replay);
        Assert.Single(await world.ConnectionsAsync());
    }

    [Fact]
    public async Task Replayed_state_with_its_correlation_cookie_is_refused_by_the_single_use_record()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        var authorize = await world.StartPlatformAsync(browser, "gitlab");
        string callback = await world.ApproveAsync(authorize);
        string flow = CookieName(world, authorize);
        string? correlation = GetCookie(world, browser, flow);
        await HubWorld.CallbackAsync(browser, callback);

        using var request = new HttpRequestMessage(HttpMethod.Get, callback);
        request.Headers.Add("Cookie", $"{flow}={correlation}");
        var response = await browser.SendAsync(request);

        Assert.Contains("error=state_used", response.Headers.Location!.ToString());
        Assert.Single(await world.ConnectionsAsync());
    }

    [Fact]
    public async Task Expired_state_is_refused_after_ten_minutes()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options() with { ManualClock = true });
        var clock = world.Clock!;
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        string callback = await world.ApproveAsync(await world.StartPlatformAsync(browser, "gitlab"));

        clock.Advance(TimeSpan.FromMinutes(11));
        string next = await HubWorld.CallbackAsync(browser, callback);

        Assert.Contains("error=state_", next);
        Assert.Empty(await world.ConnectionsAsync());
    }

    [Fact]
    public async Task State_of_another_tenants_user_is_refused()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var alice = await world.SignedUpAsync("alice@a.test", "Tenant A");
        var mallory = await world.SignedUpAsync("mallory@b.test", "Tenant B");
        // Mallory lures Alice into finishing Mallory's flow (login CSRF), or replays Alice's link in her own session.
        string mallorysCallback = await world.ApproveAsync(await world.StartPlatformAsync(mallory, "gitlab"));
        string alicesCallback = await world.ApproveAsync(await world.StartPlatformAsync(alice, "gitlab"));

        Assert.Contains("error=state_wrong_account", await HubWorld.CallbackAsync(alice, mallorysCallback));
        Assert.Contains("error=state_wrong_account", await HubWorld.CallbackAsync(mallory, alicesCallback));
        Assert.Empty(await world.ConnectionsAsync());
    }

    [Fact]
    public async Task Code_issued_for_another_PKCE_challenge_cannot_complete_a_flow()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        var authorize = await world.StartPlatformAsync(browser, "gitlab");
        string callback = await world.ApproveAsync(authorize);
        // The attacker got a code for the same client with a challenge of their own and swaps it into the callback.
        var attackerChallenge = Pkce.Challenge(Pkce.CreateVerifier());
        var q = QueryHelpers.ParseQuery(authorize.Query);
        string attackerAuthorize = QueryHelpers.AddQueryString(world.SimUrl + "/gitlab/oauth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = q["client_id"], ["redirect_uri"] = q["redirect_uri"], ["scope"] = q["scope"],
            ["state"] = "x", ["code_challenge"] = attackerChallenge, ["code_challenge_method"] = "S256",
        });
        string attackerCode = QueryHelpers.ParseQuery(new Uri(await world.ApproveAsync(new Uri(attackerAuthorize))).Query)["code"]!;

        string next = await HubWorld.CallbackAsync(browser, Replace(callback, "code", attackerCode));

        Assert.Contains("error=invalid_grant", next);
        Assert.Empty(await world.ConnectionsAsync());
        Assert.Contains("connection.connect_refused", await world.AuditActionsAsync());
    }

    [Theory]
    [InlineData("gitlab", "/gitlab/oauth/authorize")]
    [InlineData("github", "/github/login/oauth/authorize")]
    public async Task Code_issued_without_PKCE_cannot_complete_a_flow(string provider, string authorizePath)
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        var authorize = await world.StartPlatformAsync(browser, provider);
        string callback = await world.ApproveAsync(authorize);
        // "PKCE downgrade": the attacker authorizes the same client without any code_challenge and swaps that code into
        // the victim's callback, hoping the provider accepts the victim's verifier for a code that never had a challenge.
        var q = QueryHelpers.ParseQuery(authorize.Query);
        string attackerAuthorize = QueryHelpers.AddQueryString(world.SimUrl + authorizePath, new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = q["client_id"], ["redirect_uri"] = q["redirect_uri"], ["scope"] = q["scope"], ["state"] = "x",
        });
        string attackerCode = QueryHelpers.ParseQuery(new Uri(await world.ApproveAsync(new Uri(attackerAuthorize))).Query)["code"]!;

        string next = await HubWorld.CallbackAsync(browser, Replace(callback, "code", attackerCode));

        Assert.Contains("error=invalid_grant", next);
        Assert.Empty(await world.ConnectionsAsync());
        Assert.Contains("connection.connect_refused", await world.AuditActionsAsync());
    }

    [Fact]
    public async Task Callback_without_a_code_is_refused_and_stores_nothing()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        string callback = await world.ApproveAsync(await world.StartPlatformAsync(browser, "gitlab"));

        string next = await HubWorld.CallbackAsync(browser, Replace(callback, "code", ""));

        Assert.Contains("error=" + ConnectErrors.CodeMissing, next);
        Assert.Contains("sent no authorization code back", await (await browser.GetAsync(next)).Content.ReadAsStringAsync());
        Assert.Empty(await world.ConnectionsAsync());
    }

    private static string Replace(string url, string name, string value)
    {
        var uri = new Uri(url);
        var query = QueryHelpers.ParseQuery(uri.Query).ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());
        query[name] = value;
        return QueryHelpers.AddQueryString(uri.GetLeftPart(UriPartial.Path), query);
    }

    private static string CookieName(HubWorld world, Uri authorize)
    {
        string state = QueryHelpers.ParseQuery(authorize.Query)["state"]!;
        var payload = world.Hub.Services.GetRequiredService<OAuthStateProtector>().Unprotect(state)!;
        return OAuthFlow.CookiePrefix + payload.FlowId.ToString("N");
    }

    private static string? GetCookie(HubWorld world, HttpClient browser, string name)
    {
        _ = browser;
        return world.LastCookies.TryGetValue(name, out var v) ? v : null;
    }
}
