using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;
using Sh = IntegrationHub.ProviderSim.Tests.Infrastructure.Shape;

namespace IntegrationHub.ProviderSim.Tests.GitLab;

/// <summary>
/// Writing back to GitLab: https://docs.gitlab.com/api/notes/, https://docs.gitlab.com/api/commits/#post-comment-to-commit,
/// https://docs.gitlab.com/api/commits/#set-the-pipeline-status-of-a-commit
/// </summary>
public sealed class GitLabWritesTests
{
    private const string Api = "/gitlab/api/v4/projects/group1%2Frepo1";

    [Fact]
    public async Task Notes_commit_comment_and_status_are_created_shown_in_inspect_and_notes_delivered_to_the_hook()
    {
        await using var sim = await SimHost.Start();
        await using var rx = await Receiver.Start();
        var seed = await sim.Seed("gitlab", 1, 1, ownerPrefix: "group", users: ["demo", "hub-bot"]);
        var projectId = (long)seed["sample"]![0]!["id"]!;
        using var api = sim.Client("Bearer", await sim.Pat("gitlab", "hub-bot", "api"));
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync(Api + "/hooks", new { url = rx.Url, note_events = true })).StatusCode);
        var mr = await sim.Event("pull-request-open", new { provider = "gitlab", repo = "group1/repo1", branch = "feature", title = "MR" });
        var sha = (string)mr["sha"]!;
        await sim.Event("issue-open", new { provider = "gitlab", repo = "group1/repo1", title = "Bug" });
        await sim.Event("comment", new { provider = "gitlab", repo = "group1/repo1", number = 1, on = "issue", body = "@hub-bot hello" });

        using var onMr = await api.PostAsJsonAsync(Api + "/merge_requests/1/notes", new { body = "On the MR" });
        Assert.Equal(HttpStatusCode.Created, onMr.StatusCode);
        var note = JsonNode.Parse(await onMr.Content.ReadAsStringAsync())!;
        Assert.Equal(("On the MR", "MergeRequest", 1, "hub-bot"), ((string)note["body"]!, (string)note["noteable_type"]!, (int)note["noteable_iid"]!, (string)note["author"]!["username"]!));
        // The numeric id works as well as the encoded path.
        using var onIssue = await api.PostAsJsonAsync($"/gitlab/api/v4/projects/{projectId}/issues/1/notes", new { body = "On the issue" });
        Assert.Equal("Issue", (string)(await onIssue.Content.ReadFromJsonAsync<JsonNode>())!["noteable_type"]!);
        using var onCommit = await api.PostAsJsonAsync($"{Api}/repository/commits/{sha}/comments", new { note = "Nice commit" });
        Assert.Equal(HttpStatusCode.Created, onCommit.StatusCode);
        var commitNote = (await onCommit.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(("Nice commit", "hub-bot"), ((string)commitNote["note"]!, (string)commitNote["author"]!["username"]!));
        using var thread = await api.PostAsJsonAsync($"{Api}/repository/commits/{sha}/discussions", new { body = "A commit thread" });
        Assert.Equal(HttpStatusCode.Created, thread.StatusCode);
        var threadNote = (await thread.Content.ReadFromJsonAsync<JsonNode>())!["notes"]![0]!;
        Assert.Equal(("A commit thread", "Commit", sha), ((string)threadNote["body"]!, (string)threadNote["noteable_type"]!, (string)threadNote["commit_id"]!));

        using var status = await api.PostAsJsonAsync($"{Api}/statuses/{sha}", new { state = "running", name = "ci/hub", description = "Building", target_url = "https://ci.example/1" });
        Assert.Equal(HttpStatusCode.Created, status.StatusCode);
        var statusJson = (await status.Content.ReadFromJsonAsync<JsonNode>())!;
        Sh.Matches(statusJson, ["gitlab/api/commit-statuses.list.response.drone-go-scm.json"],
            ["id", "sha", "ref", "status", "name", "description", "target_url", "created_at", "author.username"], fixtureRoot: "[0]");
        Assert.Equal(("running", "ci/hub", "https://ci.example/1", sha), ((string)statusJson["status"]!, (string)statusJson["name"]!, (string)statusJson["target_url"]!, (string)statusJson["sha"]!));
        // GitLab also takes the parameters in the query string.
        using var query = await api.PostAsync($"{Api}/statuses/{sha}?state=success&name=ci%2Fquery", null);
        Assert.Equal(HttpStatusCode.Created, query.StatusCode);
        var listed = await api.GetFromJsonAsync<JsonArray>($"{Api}/repository/commits/{sha}/statuses");
        Assert.Equal(["ci/query", "ci/hub"], listed!.Select(s => (string)s!["name"]!));

        Assert.Equal(["issue", "pull", "issue", "commit", "commit"], (await sim.Comments("gitlab", "group1/repo1")).Select(c => (string)c!["on"]!));
        Assert.Equal(["running", "success"], (await sim.Statuses("gitlab", "group1/repo1")).Select(s => (string)s!["providerState"]!));
        await sim.WaitForDeliveries();
        var notes = rx.WithHeader("X-Gitlab-Event", "Note Hook").Select(r => ((string)r.Json["object_attributes"]!["note"]!, (string)r.Json["user"]!["username"]!));
        Assert.Equal([("@hub-bot hello", "demo"), ("On the MR", "hub-bot"), ("On the issue", "hub-bot")], notes.Order());
    }

    [Fact]
    public async Task Read_api_token_gets_insufficient_scope_and_unknown_targets_are_not_found()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("gitlab", 1, 1, ownerPrefix: "group");
        var mr = await sim.Event("pull-request-open", new { provider = "gitlab", repo = "group1/repo1", branch = "feature", title = "MR" });
        var sha = (string)mr["sha"]!;
        using var reader = sim.Client("Bearer", await sim.Pat("gitlab", null, "read_api"));
        using var refused = await reader.PostAsJsonAsync(Api + "/merge_requests/1/notes", new { body = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("insufficient_scope", (string)(await refused.Content.ReadFromJsonAsync<JsonNode>())!["error"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync($"{Api}/statuses/{sha}", new { state = "success" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync($"{Api}/repository/commits/{sha}/comments", new { note = "x" })).StatusCode);

        using var writer = sim.Client("Bearer", await sim.Pat("gitlab", null, "api"));
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PostAsJsonAsync(Api + "/merge_requests/9/notes", new { body = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PostAsJsonAsync(Api + "/issues/9/notes", new { body = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PostAsJsonAsync($"{Api}/repository/commits/{new string('0', 40)}/comments", new { note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PostAsJsonAsync($"{Api}/statuses/{new string('0', 40)}", new { state = "success" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await writer.PostAsJsonAsync(Api + "/merge_requests/1/notes", new { body = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await writer.PostAsJsonAsync($"{Api}/statuses/{sha}", new { state = "done" })).StatusCode);
        Assert.Empty(await sim.Comments("gitlab", "group1/repo1"));
        Assert.Empty(await sim.Statuses("gitlab", "group1/repo1"));
    }
}
