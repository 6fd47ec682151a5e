using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.BitbucketDataCenter;

public sealed class BitbucketDataCenterTests
{
    private const string Api = "/bitbucket-dc/rest/api/1.0";

    [Fact]
    public async Task Pat_lists_repositories_with_start_limit_paging()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("bitbucket-dc", 2, 15, ownerPrefix: "prj");
        using var api = sim.Client("Bearer", await sim.Pat("bitbucket-dc", null, "REPO_ADMIN"));
        Assert.Equal("demo", await api.GetStringAsync("/bitbucket-dc/plugins/servlet/applinks/whoami"));
        var total = 0;
        var start = 0;
        while (true)
        {
            var page = await api.GetFromJsonAsync<JsonNode>($"{Api}/repos?limit=25&start={start}");
            total += page!["values"]!.AsArray().Count;
            if ((bool)page["isLastPage"]!) break;
            start = (int)page["nextPageStart"]!;
        }

        Assert.Equal(30, total);
        using var noAuth = await sim.Http.GetAsync(Api + "/repos");
        Assert.Equal(HttpStatusCode.Unauthorized, noAuth.StatusCode);
    }

    [Fact]
    public async Task Webhook_crud_with_update_and_signed_deliveries()
    {
        await using var sim = await SimHost.Start();
        await using var rx = await Receiver.Start();
        await sim.Seed("bitbucket-dc", 1, 1, ownerPrefix: "prj");
        using var api = sim.Client("Basic", OAuthHelper.Basic("demo", await sim.Pat("bitbucket-dc")));
        using var created = await api.PostAsJsonAsync($"{Api}/projects/PRJ1/repos/repo1/webhooks", new
        {
            name = "hub", url = rx.Url, active = true, events = new[] { "repo:refs_changed", "pr:opened", "pr:comment:added" },
            configuration = new { secret = "dc-secret" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (long)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        Assert.Single((await api.GetFromJsonAsync<JsonNode>($"{Api}/projects/PRJ1/repos/repo1/webhooks"))!["values"]!.AsArray());

        await sim.Event("push", new { provider = "bitbucket-dc", repo = "PRJ1/repo1" });
        await sim.Event("pull-request-open", new { provider = "bitbucket-dc", repo = "PRJ1/repo1", branch = "f", title = "PR" });
        using var comment = await api.PostAsJsonAsync($"{Api}/projects/PRJ1/repos/repo1/pull-requests/1/comments", new { text = "hello @demo" });
        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
        await sim.WaitForDeliveries();
        // Two: the push to main, then the new branch the pull request comes from.
        var pushes = rx.WithHeader("X-Event-Key", "repo:refs_changed");
        Assert.Equal(2, pushes.Count);
        var push = pushes.Single(r => (string)r.Json["changes"]![0]!["ref"]!["displayId"]! == "main");
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("dc-secret"), push.Body)), push.Header("X-Hub-Signature"));
        Assert.True(Guid.TryParse(push.Header("X-Request-Id"), out _));
        Assert.Single(rx.WithHeader("X-Event-Key", "pr:opened"));
        Assert.Single(rx.WithHeader("X-Event-Key", "pr:comment:added"));
        var prs = await api.GetFromJsonAsync<JsonNode>($"{Api}/projects/PRJ1/repos/repo1/pull-requests?state=ALL&order=NEWEST");
        Assert.Equal("OPEN", (string)prs!["values"]![0]!["state"]!);

        // Update in place: https://developer.atlassian.com/server/bitbucket/rest/v906/api-group-repository/#api-api-latest-projects-projectkey-repos-repositoryslug-webhooks-webhookid-put
        using var updated = await api.PutAsJsonAsync($"{Api}/projects/PRJ1/repos/repo1/webhooks/{id}", new
        {
            name = "hub v2", url = rx.Url, active = true, events = new[] { "repo:refs_changed", "pr:merged" }, configuration = new { secret = "dc-secret-2" },
        });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var hook = (await api.GetFromJsonAsync<JsonNode>($"{Api}/projects/PRJ1/repos/repo1/webhooks/{id}"))!;
        Assert.Equal("hub v2", (string?)hook["name"]);
        Assert.Equal(["pr:merged", "repo:refs_changed"], hook["events"]!.AsArray().Select(e => (string)e!).Order().ToArray());
        await sim.Event("pull-request-merge", new { provider = "bitbucket-dc", repo = "PRJ1/repo1", number = 1 });
        await sim.WaitForDeliveries();
        var merged = Assert.Single(rx.WithHeader("X-Event-Key", "pr:merged"));
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("dc-secret-2"), merged.Body)), merged.Header("X-Hub-Signature"));

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"{Api}/projects/PRJ1/repos/repo1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{Api}/projects/PRJ1/repos/repo1/webhooks/{id}")).StatusCode);
        Assert.Empty((await api.GetFromJsonAsync<JsonNode>($"{Api}/projects/PRJ1/repos/repo1/webhooks"))!["values"]!.AsArray());
    }
}
