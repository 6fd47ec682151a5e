using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.GitLab;

public sealed class GitLabOAuthTests
{
    private const string Callback = "http://127.0.0.1:5080/connect/gitlab/callback";

    private static Task<SimHost> Start(ManualTime? time = null) => SimHost.Start(o =>
    {
        if (time is not null) o.TimeProvider = time;
        o.OAuthApps.Add(new SimOAuthApp { Provider = "gitlab", ClientId = "demo-gitlab", ClientSecret = "demo-secret", RedirectUris = [Callback], Scopes = ["api", "read_user"] });
    });

    private static async Task<(HttpStatusCode Status, JsonNode Body)> Token(SimHost sim, Dictionary<string, string> form)
    {
        form["client_id"] = "demo-gitlab";
        form.TryAdd("client_secret", "demo-secret");
        using var response = await sim.Http.PostAsync("/gitlab/oauth/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static async Task<JsonNode> Connect(SimHost sim)
    {
        var (verifier, challenge) = OAuthHelper.NewPkce();
        var p = await OAuthHelper.Authorize(sim.Http,
            $"/gitlab/oauth/authorize?client_id=demo-gitlab&redirect_uri={Uri.EscapeDataString(Callback)}&response_type=code&scope=api%20read_user&state=st&code_challenge={challenge}&code_challenge_method=S256");
        Assert.Equal("st", p["state"]);
        var (status, body) = await Token(sim, new() { ["grant_type"] = "authorization_code", ["code"] = p["code"], ["redirect_uri"] = Callback, ["code_verifier"] = verifier });
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    [Fact]
    public async Task Code_flow_with_PKCE_gives_two_hour_token_refresh_token_and_scope()
    {
        await using var sim = await Start();
        var body = await Connect(sim);
        Assert.Equal(7200, (int)body["expires_in"]!);
        Assert.Equal("api read_user", (string)body["scope"]!);
        Assert.NotNull(body["refresh_token"]);
        using var api = sim.Client("Bearer", (string)body["access_token"]!);
        Assert.Equal("demo", (string)JsonNode.Parse(await api.GetStringAsync("/gitlab/api/v4/user"))!["username"]!);
    }

    [Fact]
    public async Task Missing_code_verifier_is_invalid_grant()
    {
        await using var sim = await Start();
        var (_, challenge) = OAuthHelper.NewPkce();
        var p = await OAuthHelper.Authorize(sim.Http,
            $"/gitlab/oauth/authorize?client_id=demo-gitlab&redirect_uri={Uri.EscapeDataString(Callback)}&response_type=code&scope=api&state=st&code_challenge={challenge}&code_challenge_method=S256");
        var (status, body) = await Token(sim, new() { ["grant_type"] = "authorization_code", ["code"] = p["code"], ["redirect_uri"] = Callback });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", (string)body["error"]!);
    }

    [Fact]
    public async Task Code_verifier_for_a_code_issued_without_a_challenge_is_invalid_grant()
    {
        await using var sim = await Start();
        var (verifier, _) = OAuthHelper.NewPkce();
        var p = await OAuthHelper.Authorize(sim.Http,
            $"/gitlab/oauth/authorize?client_id=demo-gitlab&redirect_uri={Uri.EscapeDataString(Callback)}&response_type=code&scope=api&state=st");

        var (status, body) = await Token(sim, new() { ["grant_type"] = "authorization_code", ["code"] = p["code"], ["redirect_uri"] = Callback, ["code_verifier"] = verifier });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", (string)body["error"]!);
    }

    [Fact]
    public async Task Code_issued_without_a_challenge_exchanges_without_a_verifier()
    {
        await using var sim = await Start();
        var p = await OAuthHelper.Authorize(sim.Http,
            $"/gitlab/oauth/authorize?client_id=demo-gitlab&redirect_uri={Uri.EscapeDataString(Callback)}&response_type=code&scope=api&state=st");

        var (status, body) = await Token(sim, new() { ["grant_type"] = "authorization_code", ["code"] = p["code"], ["redirect_uri"] = Callback });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(body["access_token"]);
    }

    [Fact]
    public async Task Refresh_tokens_are_single_use_and_revoke_the_old_pair()
    {
        await using var sim = await Start();
        var first = await Connect(sim);
        var refresh = (string)first["refresh_token"]!;
        var (ok, second) = await Token(sim, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.NotEqual(refresh, (string)second["refresh_token"]!);

        var (again, error) = await Token(sim, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Equal("invalid_grant", (string)error["error"]!);
        using var old = sim.Client("Bearer", (string)first["access_token"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/gitlab/api/v4/user")).StatusCode);
    }

    [Fact]
    public async Task Access_token_expires_after_two_hours_with_invalid_token()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        await using var sim = await Start(time);
        var body = await Connect(sim);
        using var api = sim.Client("Bearer", (string)body["access_token"]!);
        time.Advance(TimeSpan.FromMinutes(119));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/gitlab/api/v4/user")).StatusCode);
        time.Advance(TimeSpan.FromMinutes(2));
        using var expired = await api.GetAsync("/gitlab/api/v4/user");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("invalid_token", (string)JsonNode.Parse(await expired.Content.ReadAsStringAsync())!["error"]!);
    }

    [Fact]
    public async Task Scope_not_granted_to_the_app_is_invalid_scope_and_wrong_secret_invalid_client()
    {
        await using var sim = await Start();
        var p = await OAuthHelper.Authorize(sim.Http,
            $"/gitlab/oauth/authorize?client_id=demo-gitlab&redirect_uri={Uri.EscapeDataString(Callback)}&response_type=code&scope=api%20sudo&state=st");
        Assert.Equal("invalid_scope", p["error"]);
        Assert.Equal("st", p["state"]);
        var (status, body) = await Token(sim, new() { ["grant_type"] = "authorization_code", ["code"] = "x", ["redirect_uri"] = Callback, ["client_secret"] = "nope" });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", (string)body["error"]!);
    }

    [Fact]
    public async Task Revoke_endpoint_kills_the_token()
    {
        await using var sim = await Start();
        var body = await Connect(sim);
        using var response = await sim.Http.PostAsync("/gitlab/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "demo-gitlab", ["client_secret"] = "demo-secret", ["token"] = (string)body["access_token"]!,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var api = sim.Client("Bearer", (string)body["access_token"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/gitlab/api/v4/user")).StatusCode);
    }
}
