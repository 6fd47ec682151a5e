using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.GitHub;

public sealed class GitHubApiTests
{
    private const string Api = "/github/api/v3";

    [Fact]
    public async Task User_repos_page_with_Link_header_until_no_next()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("github", owners: 3, reposPerOwner: 25);
        using var api = sim.Client("token", await sim.Pat("github", null, "repo"));
        var names = new List<string>();
        string? url = Api + "/user/repos?per_page=30";
        var pages = 0;
        while (url is not null)
        {
            using var response = await api.GetAsync(url);
            response.EnsureSuccessStatusCode();
            names.AddRange(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(r => (string)r!["full_name"]!));
            url = response.Headers.TryGetValues("Link", out var links) ? NextLink(links.Single()) : null;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(75, names.Distinct().Count());
        Assert.StartsWith(sim.BaseUrl, (await api.GetFromJsonAsync<JsonArray>(Api + "/user/repos"))![0]!["url"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hook_crud_and_signed_push_delivery()
    {
        await using var sim = await SimHost.Start();
        await using var rx = await Receiver.Start();
        await sim.Seed("github", 1, 1, ownerPrefix: "acme");
        using var api = sim.Client("Bearer", await sim.Pat("github", null, "admin:repo_hook"));
        var create = await api.PostAsJsonAsync(Api + "/repos/acme1/repo1/hooks", new
        {
            name = "web", active = true, events = new[] { "push", "pull_request" },
            config = new { url = rx.Url, content_type = "json", secret = "It's a Secret to Everybody", insecure_ssl = "0" },
        });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var hook = JsonNode.Parse(await create.Content.ReadAsStringAsync())!;
        var id = (long)hook["id"]!;
        Assert.Equal("********", (string)hook["config"]!["secret"]!);

        var patched = await api.PatchAsJsonAsync($"{Api}/repos/acme1/repo1/hooks/{id}", new { add_events = new[] { "issue_comment" } });
        Assert.Contains("issue_comment", (await patched.Content.ReadFromJsonAsync<JsonNode>())!["events"]!.AsArray().Select(e => (string)e!));
        Assert.Single((await api.GetFromJsonAsync<JsonArray>(Api + "/repos/acme1/repo1/hooks"))!);

        await sim.Event("push", new { provider = "github", repo = "acme1/repo1", commits = 2 });
        await sim.WaitForDeliveries();
        var push = Assert.Single(rx.WithHeader("X-GitHub-Event", "push"));
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("It's a Secret to Everybody"), push.Body));
        Assert.Equal(expected, push.Header("X-Hub-Signature-256"));
        Assert.True(Guid.TryParse(push.Header("X-GitHub-Delivery"), out _));
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), push.Header("X-GitHub-Hook-ID"));
        Assert.StartsWith("GitHub-Hookshot/", push.Header("User-Agent"), StringComparison.Ordinal);
        Assert.Equal(2, push.Json["commits"]!.AsArray().Count);
        Assert.Single(rx.WithHeader("X-GitHub-Event", "ping"));

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"{Api}/repos/acme1/repo1/hooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{Api}/repos/acme1/repo1/hooks/{id}")).StatusCode);
    }

    [Fact]
    public async Task Hooks_need_a_hook_scope_on_oauth_tokens()
    {
        await using var sim = await SimHost.Start(o => o.OAuthApps.Add(new SimOAuthApp { Provider = "github", ClientId = "c", ClientSecret = "s", RedirectUris = ["http://x/cb"] }));
        await sim.Seed("github", 1, 1, ownerPrefix: "acme");
        var code = (await OAuthHelper.Authorize(sim.Http, "/github/login/oauth/authorize?client_id=c&scope=read:user&state=1"))["code"];
        using var exchange = await sim.Http.PostAsync("/github/login/oauth/access_token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "c", ["client_secret"] = "s", ["code"] = code,
        }));
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(await exchange.Content.ReadAsStringAsync());
        using var api = sim.Client("Bearer", form["access_token"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(Api + "/repos/acme1/repo1/hooks")).StatusCode);
    }

    [Fact]
    public async Task Conditional_get_answers_304_and_does_not_spend_rate_limit()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("github", 1, 1, ownerPrefix: "acme");
        using var api = sim.Client("Bearer", await sim.Pat("github", null, "repo"));
        await sim.Event("pull-request-open", new { provider = "github", repo = "acme1/repo1", branch = "feature", title = "One" });
        var url = Api + "/repos/acme1/repo1/pulls?state=all&sort=updated&direction=desc";
        using var first = await api.GetAsync(url);
        var etag = first.Headers.ETag!.ToString();
        var remaining = first.Headers.GetValues("X-RateLimit-Remaining").Single();

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var notModified = await api.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(remaining, notModified.Headers.GetValues("X-RateLimit-Remaining").Single());

        await sim.Event("comment", new { provider = "github", repo = "acme1/repo1", number = 1, body = "hi @octocat" });
        await sim.Event("pull-request-update", new { provider = "github", repo = "acme1/repo1", number = 1, title = "One, edited" });
        using var changed = new HttpRequestMessage(HttpMethod.Get, url);
        changed.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(changed)).StatusCode);

        var comments = await api.GetFromJsonAsync<JsonArray>(Api + "/repos/acme1/repo1/issues/comments?since=2000-01-01T00:00:00Z");
        Assert.Equal("hi @octocat", (string)comments![0]!["body"]!);
    }

    [Fact]
    public async Task Deliveries_are_listed_and_can_be_redelivered_with_the_same_guid()
    {
        await using var sim = await SimHost.Start();
        await using var rx = await Receiver.Start(status: 500);
        await sim.Seed("github", 1, 1, ownerPrefix: "acme");
        using var api = sim.Client("Bearer", await sim.Pat("github", null, "repo"));
        var hook = await (await api.PostAsJsonAsync(Api + "/repos/acme1/repo1/hooks", new { events = new[] { "push" }, config = new { url = rx.Url, content_type = "json" } }))
            .Content.ReadFromJsonAsync<JsonNode>();
        var hookId = (long)hook!["id"]!;
        await sim.Event("push", new { provider = "github", repo = "acme1/repo1" });
        await sim.WaitForDeliveries();
        Assert.Single(rx.WithHeader("X-GitHub-Event", "push")); // GitHub does not retry on its own

        var list = await api.GetFromJsonAsync<JsonArray>($"{Api}/repos/acme1/repo1/hooks/{hookId}/deliveries");
        var failed = list!.First(d => (string)d!["event"]! == "push")!;
        Assert.Equal(500, (int)failed["status_code"]!);
        rx.Status = 200;
        var redeliver = await api.PostAsync($"{Api}/repos/acme1/repo1/hooks/{hookId}/deliveries/{failed["id"]}/attempts", null);
        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        await sim.WaitForDeliveries();
        var pushes = rx.WithHeader("X-GitHub-Event", "push");
        Assert.Equal(2, pushes.Count);
        Assert.Equal(pushes[0].Header("X-GitHub-Delivery"), pushes[1].Header("X-GitHub-Delivery"));
        var after = await api.GetFromJsonAsync<JsonArray>($"{Api}/repos/acme1/repo1/hooks/{hookId}/deliveries");
        Assert.Contains(after!, d => (bool)d!["redelivery"]! && (int)d["status_code"]! == 200);
    }

    private static string? NextLink(string header) => header.Split(',')
        .Select(p => p.Trim()).Where(p => p.EndsWith("rel=\"next\"", StringComparison.Ordinal))
        .Select(p => p[(p.IndexOf('<') + 1)..p.IndexOf('>')]).FirstOrDefault();
}
