using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.GitHub;

public sealed class GitHubOAuthTests
{
    private const string Callback = "http://127.0.0.1:5080/connect/github/callback";

    private static Task<SimHost> Start(bool autoApprove = true) => SimHost.Start(o =>
    {
        o.AutoApprove = autoApprove;
        o.OAuthApps.Add(new SimOAuthApp { Provider = "github", ClientId = "demo-github", ClientSecret = "demo-secret", RedirectUris = [Callback] });
    });

    private static async Task<HttpResponseMessage> Exchange(SimHost sim, string code, string? verifier, string secret = "demo-secret")
    {
        var form = new Dictionary<string, string>
        {
            ["client_id"] = "demo-github", ["client_secret"] = secret, ["code"] = code, ["redirect_uri"] = Callback,
        };
        if (verifier is not null) form["code_verifier"] = verifier;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/github/login/oauth/access_token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.ParseAdd("application/json");
        return await sim.Http.SendAsync(request);
    }

    [Fact]
    public async Task Code_flow_with_PKCE_yields_a_non_expiring_token_with_scopes_header()
    {
        await using var sim = await Start();
        var (verifier, challenge) = OAuthHelper.NewPkce();
        var redirect = await OAuthHelper.Authorize(sim.Http,
            $"/github/login/oauth/authorize?client_id=demo-github&redirect_uri={Uri.EscapeDataString(Callback)}&scope=repo%20admin:repo_hook&state=s%2B1&code_challenge={challenge}&code_challenge_method=S256");
        Assert.Equal("s+1", redirect["state"]);

        using var response = await Exchange(sim, redirect["code"], verifier);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var token = (string)body["access_token"]!;
        Assert.Equal("bearer", (string)body["token_type"]!);
        Assert.Null(body["expires_in"]);
        Assert.Null(body["refresh_token"]);

        using var api = sim.Client("Bearer", token);
        using var user = await api.GetAsync("/github/api/v3/user");
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.Equal("repo, admin:repo_hook", user.Headers.GetValues("X-OAuth-Scopes").Single());
        Assert.Equal("octocat", (string)JsonNode.Parse(await user.Content.ReadAsStringAsync())!["login"]!);
    }

    [Fact]
    public async Task Wrong_code_verifier_is_refused_and_the_code_is_spent()
    {
        await using var sim = await Start();
        var (_, challenge) = OAuthHelper.NewPkce();
        var redirect = await OAuthHelper.Authorize(sim.Http,
            $"/github/login/oauth/authorize?client_id=demo-github&redirect_uri={Uri.EscapeDataString(Callback)}&state=x&code_challenge={challenge}&code_challenge_method=S256");
        using var response = await Exchange(sim, redirect["code"], "not-the-verifier");
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task Code_verifier_for_a_code_issued_without_a_challenge_is_refused()
    {
        await using var sim = await Start();
        var (verifier, _) = OAuthHelper.NewPkce();
        var redirect = await OAuthHelper.Authorize(sim.Http,
            $"/github/login/oauth/authorize?client_id=demo-github&redirect_uri={Uri.EscapeDataString(Callback)}&scope=repo&state=x");

        using var response = await Exchange(sim, redirect["code"], verifier);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid_grant", (string)body["error"]!);
        Assert.Null(body["access_token"]);
    }

    [Theory]
    [InlineData("repo", "repo")]
    [InlineData("", "")]
    public async Task Person_may_grant_fewer_scopes_than_requested(string granted, string expected)
    {
        await using var sim = await Start();
        var redirect = await OAuthHelper.Authorize(sim.Http,
            $"/github/login/oauth/authorize?client_id=demo-github&scope=repo%20admin:repo_hook&state=x&granted_scope={Uri.EscapeDataString(granted)}");

        using var response = await Exchange(sim, redirect["code"], null);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(expected, (string)body["scope"]!);
        using var api = sim.Client("Bearer", (string)body["access_token"]!);
        using var user = await api.GetAsync("/github/api/v3/user");
        Assert.Equal(expected, user.Headers.GetValues("X-OAuth-Scopes").Single());
    }

    [Fact]
    public async Task Wrong_client_secret_gives_incorrect_client_credentials()
    {
        await using var sim = await Start();
        var redirect = await OAuthHelper.Authorize(sim.Http, $"/github/login/oauth/authorize?client_id=demo-github&state=x");
        using var response = await Exchange(sim, redirect["code"], null, secret: "wrong");
        Assert.Equal("incorrect_client_credentials", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!);
    }

    [Fact]
    public async Task Redirect_uri_outside_the_callback_gives_redirect_uri_mismatch()
    {
        await using var sim = await Start();
        var redirect = await OAuthHelper.Authorize(sim.Http,
            $"/github/login/oauth/authorize?client_id=demo-github&redirect_uri={Uri.EscapeDataString("http://evil.example/cb")}&state=x");
        Assert.Equal("redirect_uri_mismatch", redirect["error"]);
    }

    [Fact]
    public async Task Consent_page_Deny_redirects_with_access_denied_and_state()
    {
        await using var sim = await Start(autoApprove: false);
        var url = $"/github/login/oauth/authorize?client_id=demo-github&redirect_uri={Uri.EscapeDataString(Callback)}&state=abc";
        var page = await sim.Http.GetStringAsync(url);
        Assert.Contains("name=\"decision\" value=\"deny\"", page, StringComparison.Ordinal);

        using var deny = await sim.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "demo-github", ["redirect_uri"] = Callback, ["state"] = "abc", ["decision"] = "deny",
        }));
        var p = OAuthHelper.RedirectParams(deny);
        Assert.Equal("access_denied", p["error"]);
        Assert.Equal("abc", p["state"]);

        using var approve = await sim.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "demo-github", ["redirect_uri"] = Callback, ["state"] = "abc", ["decision"] = "approve",
        }));
        Assert.True(OAuthHelper.RedirectParams(approve).ContainsKey("code"));
    }

    [Fact]
    public async Task Revoking_with_basic_client_auth_kills_the_token()
    {
        await using var sim = await Start();
        var redirect = await OAuthHelper.Authorize(sim.Http, "/github/login/oauth/authorize?client_id=demo-github&scope=repo&state=x");
        using var exchange = await Exchange(sim, redirect["code"], null);
        var token = (string)JsonNode.Parse(await exchange.Content.ReadAsStringAsync())!["access_token"]!;

        using var client = sim.Client("Basic", OAuthHelper.Basic("demo-github", "demo-secret"));
        using var revoke = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/github/api/v3/applications/demo-github/token")
        {
            Content = new StringContent($"{{\"access_token\":\"{token}\"}}", System.Text.Encoding.UTF8, "application/json"),
        });
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using var api = sim.Client("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/github/api/v3/user")).StatusCode);
    }
}
