using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.BitbucketCloud;

/// <summary>
/// Writing back to Bitbucket Cloud: pull request, issue and commit comments and build statuses.
/// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pullrequests/, https://developer.atlassian.com/cloud/bitbucket/rest/api-group-commit-statuses/
/// </summary>
public sealed class BitbucketCloudWritesTests
{
    private const string Api = "/bitbucket/2.0/repositories/ws1/repo1";

    [Fact]
    public async Task Comments_and_build_status_are_created_shown_in_inspect_and_delivered_to_the_hook()
    {
        await using var sim = await SimHost.Start();
        await using var rx = await Receiver.Start();
        await sim.Seed("bitbucket", 1, 1, ownerPrefix: "ws", users: ["demo", "hub-bot"]);
        using var api = sim.Client("Bearer", await sim.Pat("bitbucket", "hub-bot", "repository", "pullrequest", "issue", "webhook"));
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync(Api + "/hooks", new
        {
            description = "hub", url = rx.Url, active = true, events = new[] { "pullrequest:comment_created", "issue:comment_created", "repo:commit_status_created" },
        })).StatusCode);
        var pull = await sim.Event("pull-request-open", new { provider = "bitbucket", repo = "ws1/repo1", branch = "feature", title = "PR" });
        var sha = (string)pull["sha"]!;
        await sim.Event("issue-open", new { provider = "bitbucket", repo = "ws1/repo1", title = "Bug" });
        await sim.Event("comment", new { provider = "bitbucket", repo = "ws1/repo1", number = 1, on = "pull", body = "@hub-bot hello" });

        using var onPull = await api.PostAsJsonAsync(Api + "/pullrequests/1/comments", new { content = new { raw = "On the PR" } });
        Assert.Equal(HttpStatusCode.Created, onPull.StatusCode);
        var comment = JsonNode.Parse(await onPull.Content.ReadAsStringAsync())!;
        Assert.True((long)comment["id"]! > 0);
        Assert.Equal(("On the PR", "markdown", "<p>On the PR</p>"), ((string)comment["content"]!["raw"]!, (string)comment["content"]!["markup"]!, (string)comment["content"]!["html"]!));
        Assert.Equal("hub-bot", (string)comment["user"]!["nickname"]!);
        Assert.Contains("/ws1/repo1/pull-requests/1", (string)comment["links"]!["html"]!["href"]!);
        Assert.Equal(1, (int)comment["pullrequest"]!["id"]!);
        Assert.True(DateTimeOffset.TryParse((string)comment["created_on"]!, out _));
        using var onIssue = await api.PostAsJsonAsync(Api + "/issues/1/comments", new { content = new { raw = "On the issue" } });
        Assert.Equal(HttpStatusCode.Created, onIssue.StatusCode);
        Assert.Equal("issue_comment", (string)(await onIssue.Content.ReadFromJsonAsync<JsonNode>())!["type"]!);
        using var onCommit = await api.PostAsJsonAsync($"{Api}/commit/{sha}/comments", new { content = new { raw = "Nice commit" } });
        Assert.Equal(HttpStatusCode.Created, onCommit.StatusCode);
        Assert.Equal(sha, (string)(await onCommit.Content.ReadFromJsonAsync<JsonNode>())!["commit"]!["hash"]!);

        using var status = await api.PostAsJsonAsync($"{Api}/commit/{sha}/statuses/build", new
        {
            key = "HUB-CI", state = "INPROGRESS", url = "https://ci.example/1", name = "Hub CI", description = "Building",
        });
        Assert.Equal(HttpStatusCode.Created, status.StatusCode);
        var statusJson = (await status.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(("HUB-CI", "INPROGRESS", "Hub CI", "https://ci.example/1"), ((string)statusJson["key"]!, (string)statusJson["state"]!, (string)statusJson["name"]!, (string)statusJson["url"]!));
        var listed = await api.GetFromJsonAsync<JsonNode>($"{Api}/commit/{sha}/statuses");
        Assert.Equal("INPROGRESS", (string)listed!["values"]![0]!["state"]!);

        Assert.Equal(["pull", "pull", "issue", "commit"], (await sim.Comments("bitbucket", "ws1/repo1")).Select(c => (string)c!["on"]!));
        Assert.Equal("HUB-CI", (string)Assert.Single(await sim.Statuses("bitbucket", "ws1/repo1"))!["context"]!);
        await sim.WaitForDeliveries();
        var onPulls = rx.WithHeader("X-Event-Key", "pullrequest:comment_created").Select(r => (string)r.Json["comment"]!["content"]!["raw"]!);
        Assert.Equal(["@hub-bot hello", "On the PR"], onPulls.Order());
        var issueHook = Assert.Single(rx.WithHeader("X-Event-Key", "issue:comment_created")).Json;
        Assert.Equal(("On the issue", 1), ((string)issueHook["comment"]!["content"]!["raw"]!, (int)issueHook["issue"]!["id"]!));
        Assert.Equal("INPROGRESS", (string)Assert.Single(rx.WithHeader("X-Event-Key", "repo:commit_status_created")).Json["commit_status"]!["state"]!);
    }

    [Fact]
    public async Task Token_without_write_scopes_is_refused_and_unknown_targets_are_not_found()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("bitbucket", 1, 1, ownerPrefix: "ws");
        var pull = await sim.Event("pull-request-open", new { provider = "bitbucket", repo = "ws1/repo1", branch = "feature", title = "PR" });
        await sim.Event("issue-open", new { provider = "bitbucket", repo = "ws1/repo1", title = "Bug" });
        var sha = (string)pull["sha"]!;
        // `repository` alone may set a build status and use the issue tracker, but not touch pull requests.
        using var reader = sim.Client("Bearer", await sim.Pat("bitbucket", null, "repository"));
        using var refused = await reader.PostAsJsonAsync(Api + "/pullrequests/1/comments", new { content = new { raw = "x" } });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("pullrequest", (string)(await refused.Content.ReadFromJsonAsync<JsonNode>())!["error"]!["detail"]!["required"]![0]!);
        // A build status needs only the repository scope.
        Assert.Equal(HttpStatusCode.Created, (await reader.PostAsJsonAsync($"{Api}/commit/{sha}/statuses/build", new { key = "K", state = "SUCCESSFUL", url = "https://ci.example" })).StatusCode);
        using var pullsOnly = sim.Client("Bearer", await sim.Pat("bitbucket", null, "pullrequest"));
        Assert.Equal(HttpStatusCode.Forbidden, (await pullsOnly.PostAsJsonAsync(Api + "/issues/1/comments", new { content = new { raw = "x" } })).StatusCode);

        using var writer = sim.Client("Bearer", await sim.Pat("bitbucket", null, "repository", "pullrequest", "issue"));
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PostAsJsonAsync(Api + "/pullrequests/9/comments", new { content = new { raw = "x" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PostAsJsonAsync(Api + "/issues/9/comments", new { content = new { raw = "x" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PostAsJsonAsync($"{Api}/commit/{new string('0', 40)}/comments", new { content = new { raw = "x" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PostAsJsonAsync($"{Api}/commit/{new string('0', 40)}/statuses/build", new { key = "K", state = "SUCCESSFUL", url = "https://ci.example" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await writer.PostAsJsonAsync(Api + "/pullrequests/1/comments", new { content = new { raw = "" } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await writer.PostAsJsonAsync($"{Api}/commit/{sha}/statuses/build", new { key = "K", state = "DONE", url = "https://ci.example" })).StatusCode);
        Assert.Empty(await sim.Comments("bitbucket", "ws1/repo1"));
        Assert.Single(await sim.Statuses("bitbucket", "ws1/repo1"));
    }
}
