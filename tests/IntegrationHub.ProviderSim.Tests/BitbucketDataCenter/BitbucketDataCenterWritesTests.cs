using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.BitbucketDataCenter;

/// <summary>
/// Writing back to Bitbucket Data Center: pull request and commit comments, and build statuses (legacy build-status/1.0).
/// https://developer.atlassian.com/server/bitbucket/rest/v906/api-group-pull-requests/, https://developer.atlassian.com/server/bitbucket/how-tos/updating-build-status-for-commits/
/// </summary>
public sealed class BitbucketDataCenterWritesTests
{
    private const string Api = "/bitbucket-dc/rest/api/1.0/projects/PRJ1/repos/repo1";

    [Fact]
    public async Task Comments_and_build_status_are_created_shown_in_inspect_and_the_comment_delivered_to_the_hook()
    {
        await using var sim = await SimHost.Start();
        await using var rx = await Receiver.Start();
        await sim.Seed("bitbucket-dc", 1, 1, ownerPrefix: "prj", users: ["demo", "hub-bot"]);
        // REPO_READ is all Bitbucket DC asks to comment and to post a build status.
        using var api = sim.Client("Bearer", await sim.Pat("bitbucket-dc", "hub-bot", "REPO_READ"));
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync(Api + "/webhooks", new { name = "hub", url = rx.Url, active = true, events = new[] { "pr:comment:added" } })).StatusCode);
        var pull = await sim.Event("pull-request-open", new { provider = "bitbucket-dc", repo = "PRJ1/repo1", branch = "feature", title = "PR" });
        var sha = (string)pull["sha"]!;
        await sim.Event("comment", new { provider = "bitbucket-dc", repo = "PRJ1/repo1", number = 1, on = "pull", body = "@hub-bot hello" });

        using var onPull = await api.PostAsJsonAsync(Api + "/pull-requests/1/comments", new { text = "On the PR" });
        Assert.Equal(HttpStatusCode.Created, onPull.StatusCode);
        var comment = JsonNode.Parse(await onPull.Content.ReadAsStringAsync())!;
        Assert.True((long)comment["id"]! > 0);
        Assert.Equal(0, (int)comment["version"]!);
        Assert.Equal(("On the PR", "hub-bot"), ((string)comment["text"]!, (string)comment["author"]!["name"]!));
        Assert.True((long)comment["createdDate"]! > 0 && (long)comment["updatedDate"]! > 0);
        using var onCommit = await api.PostAsJsonAsync($"{Api}/commits/{sha}/comments", new { text = "Nice commit" });
        Assert.Equal(HttpStatusCode.Created, onCommit.StatusCode);
        Assert.Equal("Nice commit", (string)(await onCommit.Content.ReadFromJsonAsync<JsonNode>())!["text"]!);

        using var status = await api.PostAsJsonAsync($"/bitbucket-dc/rest/build-status/1.0/commits/{sha}", new
        {
            state = "SUCCESSFUL", key = "HUB-CI", name = "Hub CI", url = "https://ci.example/1", description = "Passed",
        });
        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
        Assert.Empty(await status.Content.ReadAsByteArrayAsync());

        Assert.Equal(["pull", "pull", "commit"], (await sim.Comments("bitbucket-dc", "PRJ1/repo1")).Select(c => (string)c!["on"]!));
        var stored = Assert.Single(await sim.Statuses("bitbucket-dc", "PRJ1/repo1"))!;
        Assert.Equal(("SUCCESSFUL", "HUB-CI", sha), ((string)stored["providerState"]!, (string)stored["context"]!, (string)stored["sha"]!));
        await sim.WaitForDeliveries();
        var texts = rx.WithHeader("X-Event-Key", "pr:comment:added").Select(r => (string)r.Json["comment"]!["text"]!);
        Assert.Equal(["@hub-bot hello", "On the PR"], texts.Order());
    }

    [Fact]
    public async Task Invalid_token_bad_input_and_unknown_targets_are_refused()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("bitbucket-dc", 1, 1, ownerPrefix: "prj");
        var pull = await sim.Event("pull-request-open", new { provider = "bitbucket-dc", repo = "PRJ1/repo1", branch = "feature", title = "PR" });
        var sha = (string)pull["sha"]!;
        using var stranger = sim.Client("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsJsonAsync(Api + "/pull-requests/1/comments", new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsJsonAsync($"/bitbucket-dc/rest/build-status/1.0/commits/{sha}", new { state = "SUCCESSFUL", key = "K", url = "https://ci.example" })).StatusCode);

        using var api = sim.Client("Bearer", await sim.Pat("bitbucket-dc", null, "REPO_READ"));
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync(Api + "/pull-requests/9/comments", new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"{Api}/commits/{new string('0', 40)}/comments", new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync("/bitbucket-dc/rest/api/1.0/projects/PRJ1/repos/nope/pull-requests/1/comments", new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync(Api + "/pull-requests/1/comments", new { text = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync($"/bitbucket-dc/rest/build-status/1.0/commits/{sha}", new { state = "SUCCESSFUL", url = "https://ci.example" })).StatusCode);
        Assert.Empty(await sim.Comments("bitbucket-dc", "PRJ1/repo1"));
        Assert.Empty(await sim.Statuses("bitbucket-dc", "PRJ1/repo1"));
    }
}
