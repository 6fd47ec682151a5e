using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.GitHub;

/// <summary>
/// Writing back to GitHub: https://docs.github.com/rest/issues/comments#create-an-issue-comment,
/// https://docs.github.com/rest/commits/comments#create-a-commit-comment, https://docs.github.com/rest/commits/statuses#create-a-commit-status
/// </summary>
public sealed class GitHubWritesTests
{
    private const string Api = "/github/api/v3/repos/acme1/repo1";

    [Fact]
    public async Task Comments_and_status_are_created_shown_in_inspect_and_delivered_to_the_hook()
    {
        await using var sim = await SimHost.Start();
        await using var rx = await Receiver.Start();
        await sim.Seed("github", 1, 1, ownerPrefix: "acme", users: ["octocat", "hub-bot"]);
        using var api = sim.Client("Bearer", await sim.Pat("github", "hub-bot", "repo"));
        using var hook = await api.PostAsJsonAsync(Api + "/hooks", new { events = new[] { "issue_comment", "status" }, config = new { url = rx.Url, content_type = "json" } });
        Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        var pull = await sim.Event("pull-request-open", new { provider = "github", repo = "acme1/repo1", branch = "feature", title = "PR" });
        var sha = (string)pull["sha"]!;
        await sim.Event("issue-open", new { provider = "github", repo = "acme1/repo1", title = "Bug" });
        await sim.Event("comment", new { provider = "github", repo = "acme1/repo1", number = 1, on = "pull", body = "@hub-bot hello" });

        using var onPull = await api.PostAsJsonAsync(Api + "/issues/1/comments", new { body = "Thanks, **done**" });
        Assert.Equal(HttpStatusCode.Created, onPull.StatusCode);
        var comment = JsonNode.Parse(await onPull.Content.ReadAsStringAsync())!;
        Assert.True((long)comment["id"]! > 0);
        Assert.False(string.IsNullOrEmpty((string?)comment["node_id"]));
        Assert.EndsWith($"/acme1/repo1/pull/1#issuecomment-{comment["id"]}", (string)comment["html_url"]!);
        Assert.Equal("Thanks, **done**", (string)comment["body"]!);
        Assert.Equal("hub-bot", (string)comment["user"]!["login"]!);
        Assert.True(DateTimeOffset.TryParse((string)comment["created_at"]!, out _));
        using var onIssue = await api.PostAsJsonAsync(Api + "/issues/2/comments", new { body = "On the issue" });
        Assert.Contains("/issues/2#issuecomment-", (string)(await onIssue.Content.ReadFromJsonAsync<JsonNode>())!["html_url"]!);
        using var onCommit = await api.PostAsJsonAsync($"{Api}/commits/{sha}/comments", new { body = "Nice commit" });
        Assert.Equal(HttpStatusCode.Created, onCommit.StatusCode);
        Assert.Equal(sha, (string)(await onCommit.Content.ReadFromJsonAsync<JsonNode>())!["commit_id"]!);
        using var status = await api.PostAsJsonAsync($"{Api}/statuses/{sha}", new { state = "success", context = "ci/hub", description = "All good", target_url = "https://ci.example/1" });
        Assert.Equal(HttpStatusCode.Created, status.StatusCode);
        var statusJson = (await status.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(("success", "ci/hub", "https://ci.example/1"), ((string)statusJson["state"]!, (string)statusJson["context"]!, (string)statusJson["target_url"]!));

        var comments = await sim.Comments("github", "acme1/repo1");
        Assert.Equal(["pull", "pull", "issue", "commit"], comments.Select(c => (string)c!["on"]!));
        Assert.Equal("Thanks, **done**", (string)comments[1]!["body"]!);
        Assert.Equal("success", (string)Assert.Single(await sim.Statuses("github", "acme1/repo1"))!["state"]!);
        await sim.WaitForDeliveries();
        var delivered = rx.WithHeader("X-GitHub-Event", "issue_comment").Select(r => ((string)r.Json["comment"]!["body"]!, (string)r.Json["sender"]!["login"]!));
        // Deliveries may arrive in any order; the bot's comments reach the hook like the person's.
        Assert.Equal([("@hub-bot hello", "octocat"), ("On the issue", "hub-bot"), ("Thanks, **done**", "hub-bot")], delivered.Order());
        var botOnPull = rx.WithHeader("X-GitHub-Event", "issue_comment").Single(r => (string?)r.Json["comment"]!["body"] == "Thanks, **done**");
        Assert.NotNull(botOnPull.Json["issue"]!["pull_request"]);
        Assert.Equal("ci/hub", (string)Assert.Single(rx.WithHeader("X-GitHub-Event", "status")).Json["context"]!);
    }

    [Fact]
    public async Task Token_without_repo_scope_is_refused_and_unknown_targets_are_not_found()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("github", 1, 1, ownerPrefix: "acme");
        await sim.Control("repos", new { provider = "github", owner = "acme1", name = "open", @private = false });
        var pull = await sim.Event("pull-request-open", new { provider = "github", repo = "acme1/repo1", branch = "feature", title = "PR" });
        await sim.Event("pull-request-open", new { provider = "github", repo = "acme1/open", branch = "feature", title = "PR" });
        var sha = (string)pull["sha"]!;
        using var reader = sim.Client("Bearer", await sim.Pat("github", null, "read:user"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.PostAsJsonAsync(Api + "/issues/1/comments", new { body = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.PostAsJsonAsync($"{Api}/statuses/{sha}", new { state = "success" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/github/api/v3/repos/acme1/open/issues/1/comments", new { body = "x" })).StatusCode);
        using var statusOnly = sim.Client("Bearer", await sim.Pat("github", null, "repo:status"));
        Assert.Equal(HttpStatusCode.Created, (await statusOnly.PostAsJsonAsync($"{Api}/statuses/{sha}", new { state = "pending" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await statusOnly.PostAsJsonAsync(Api + "/issues/1/comments", new { body = "x" })).StatusCode);

        using var writer = sim.Client("Bearer", await sim.Pat("github", null, "repo"));
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PostAsJsonAsync(Api + "/issues/99/comments", new { body = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await writer.PostAsJsonAsync(Api + "/issues/1/comments", new { body = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await writer.PostAsJsonAsync(Api + "/statuses/" + new string('0', 40), new { state = "success" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await writer.PostAsJsonAsync($"{Api}/statuses/{sha}", new { state = "done" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PostAsJsonAsync("/github/api/v3/repos/acme1/nope/issues/1/comments", new { body = "x" })).StatusCode);
        Assert.Single(await sim.Statuses("github", "acme1/repo1"));
        Assert.Empty(await sim.Comments("github", "acme1/repo1"));
    }
}
