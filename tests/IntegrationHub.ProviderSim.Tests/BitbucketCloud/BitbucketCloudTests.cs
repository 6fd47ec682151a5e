using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.BitbucketCloud;

public sealed class BitbucketCloudTests
{
    private const string Api = "/bitbucket/2.0";
    private const string Callback = "http://127.0.0.1:5080/connect/bitbucket/callback";

    private static Task<SimHost> Start() => SimHost.Start(o => o.OAuthApps.Add(new SimOAuthApp
    {
        Provider = "bitbucket", ClientId = "demo-bitbucket", ClientSecret = "demo-secret", RedirectUris = [Callback], Scopes = ["repository", "webhook", "pullrequest"],
    }));

    private static async Task<(HttpStatusCode, JsonNode)> Token(SimHost sim, Dictionary<string, string> form)
    {
        using var client = sim.Client("Basic", OAuthHelper.Basic("demo-bitbucket", "demo-secret"));
        using var response = await client.PostAsync("/bitbucket/site/oauth2/access_token", new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task OAuth_consumer_flow_ignores_PKCE_issues_reusable_refresh_tokens_and_reports_scopes()
    {
        await using var sim = await Start();
        var p = await OAuthHelper.Authorize(sim.Http, "/bitbucket/site/oauth2/authorize?client_id=demo-bitbucket&response_type=code&scope=repository%20webhook&state=z&code_challenge=ignored&code_challenge_method=S256");
        Assert.Equal("z", p["state"]);
        var (status, body) = await Token(sim, new() { ["grant_type"] = "authorization_code", ["code"] = p["code"] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(7200, (int)body["expires_in"]!);
        Assert.Equal("repository webhook", (string)body["scopes"]!);
        var refresh = (string)body["refresh_token"]!;
        var (s1, r1) = await Token(sim, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });
        var (s2, _) = await Token(sim, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });
        Assert.Equal(HttpStatusCode.OK, s1);
        Assert.Equal(HttpStatusCode.OK, s2);

        using var api = sim.Client("Bearer", (string)r1["access_token"]!);
        using var user = await api.GetAsync(Api + "/user");
        Assert.Equal("repository, webhook", user.Headers.GetValues("X-OAuth-Scopes").Single());

        var denied = await OAuthHelper.Authorize(sim.Http, "/bitbucket/site/oauth2/authorize?client_id=demo-bitbucket&response_type=code&scope=account:write&state=q");
        Assert.Equal("invalid_scope", denied["error"]);
    }

    [Fact]
    public async Task Repositories_page_with_next_links()
    {
        await using var sim = await Start();
        await sim.Seed("bitbucket", 1, 23, ownerPrefix: "ws");
        using var api = sim.Client("Bearer", await sim.Pat("bitbucket", null, "repository"));
        var seen = 0;
        string? url = Api + "/repositories?role=member&pagelen=10";
        while (url is not null)
        {
            var page = await api.GetFromJsonAsync<JsonNode>(url);
            seen += page!["values"]!.AsArray().Count;
            url = (string?)page["next"];
        }

        Assert.Equal(23, seen);
    }

    [Fact]
    public async Task Signed_delivery_is_retried_twice_with_the_same_request_uuid()
    {
        await using var sim = await Start();
        await using var rx = await Receiver.Start(status: 503);
        await sim.Seed("bitbucket", 1, 1, ownerPrefix: "ws");
        using var api = sim.Client("Bearer", await sim.Pat("bitbucket", null, "webhook", "pullrequest"));
        using var created = await api.PostAsJsonAsync(Api + "/repositories/ws1/repo1/hooks", new
        {
            description = "hub", url = rx.Url, active = true, secret = "bb-secret", events = new[] { "repo:push", "pullrequest:created", "pullrequest:comment_created" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var hook = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.True((bool)hook["secret_set"]!);
        Assert.Null(hook["secret"]);
        var uid = Uri.EscapeDataString((string)hook["uuid"]!);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"{Api}/repositories/ws1/repo1/hooks/{uid}")).StatusCode);

        await sim.Event("push", new { provider = "bitbucket", repo = "ws1/repo1" });
        await sim.WaitForDeliveries();
        var attempts = rx.WithHeader("X-Event-Key", "repo:push");
        Assert.Equal(["1", "2", "3"], attempts.Select(a => a.Header("X-Attempt-Number")).Order().ToArray());
        Assert.Single(attempts.Select(a => a.Header("X-Request-UUID")).Distinct());
        var a0 = attempts[0];
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("bb-secret"), a0.Body)), a0.Header("X-Hub-Signature"));
        Assert.Equal(hook["uuid"]!.ToString().Trim('{', '}'), a0.Header("X-Hook-UUID"));

        rx.Status = 200;
        await sim.Event("pull-request-open", new { provider = "bitbucket", repo = "ws1/repo1", branch = "f", title = "PR" });
        using var comment = await api.PostAsJsonAsync(Api + "/repositories/ws1/repo1/pullrequests/1/comments", new { content = new { raw = "hi @demo" } });
        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
        await sim.WaitForDeliveries();
        Assert.Single(rx.WithHeader("X-Event-Key", "pullrequest:comment_created"));
        var prs = await api.GetFromJsonAsync<JsonNode>(Api + "/repositories/ws1/repo1/pullrequests?state=OPEN&q=" + Uri.EscapeDataString("updated_on>\"2000-01-01T00:00:00Z\""));
        Assert.Single(prs!["values"]!.AsArray());
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"{Api}/repositories/ws1/repo1/hooks/{uid}")).StatusCode);
    }

    /// <summary>https://developer.atlassian.com/cloud/bitbucket/rest/api-group-repositories/#api-repositories-workspace-repo-slug-hooks-uid-put</summary>
    [Fact]
    public async Task Hook_crud_updates_url_events_and_secret_in_place()
    {
        await using var sim = await Start();
        await using var rx = await Receiver.Start();
        await sim.Seed("bitbucket", 1, 1, ownerPrefix: "ws");
        using var api = sim.Client("Bearer", await sim.Pat("bitbucket", null, "webhook"));
        var hooks = $"{Api}/repositories/ws1/repo1/hooks";
        using var created = await api.PostAsJsonAsync(hooks, new { description = "hub", url = "http://127.0.0.1:9/old", active = true, secret = "old", events = new[] { "repo:push" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var uuid = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["uuid"]!;
        var uid = Uri.EscapeDataString(uuid);
        Assert.Equal(uuid, (string?)Assert.Single((await api.GetFromJsonAsync<JsonNode>(hooks))!["values"]!.AsArray())!["uuid"]);

        using var updated = await api.PutAsJsonAsync($"{hooks}/{uid}", new
        {
            description = "hub v2", url = rx.Url, active = true, secret = "new-secret", events = new[] { "repo:push", "pullrequest:created" },
        });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var hook = (await api.GetFromJsonAsync<JsonNode>($"{hooks}/{uid}"))!;
        Assert.Equal(uuid, (string?)hook["uuid"]);
        Assert.Equal(rx.Url, (string?)hook["url"]);
        Assert.Equal("hub v2", (string?)hook["description"]);
        Assert.Equal(["pullrequest:created", "repo:push"], hook["events"]!.AsArray().Select(e => (string)e!).Order().ToArray());

        await sim.Event("pull-request-open", new { provider = "bitbucket", repo = "ws1/repo1", branch = "f", title = "PR" });
        await sim.WaitForDeliveries();
        var delivery = Assert.Single(rx.WithHeader("X-Event-Key", "pullrequest:created"));
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("new-secret"), delivery.Body)), delivery.Header("X-Hub-Signature"));

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"{hooks}/{uid}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{hooks}/{uid}")).StatusCode);
        Assert.Empty((await api.GetFromJsonAsync<JsonNode>(hooks))!["values"]!.AsArray());
    }
}
