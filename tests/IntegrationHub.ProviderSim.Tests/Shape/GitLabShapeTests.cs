using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sh = IntegrationHub.ProviderSim.Tests.Infrastructure.Shape;

namespace IntegrationHub.ProviderSim.Tests.Shape;

/// <summary>Every GitLab payload and response the simulator makes, against the real ones in ../shared/fixtures/gitlab.</summary>
public sealed class GitLabShapeTests : IAsyncLifetime
{
    private const string Api = "/gitlab/api/v4/projects/group1%2Frepo1";
    private ShapeWorld _w = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _w = await World();
        _api = await ShapeWorld.ApiClient(_w.Sim, "gitlab");
    }

    /// <summary>One project with a catch-all hook and one of every event; shared with <see cref="GitLabReadShapeTests"/>.</summary>
    internal static Task<ShapeWorld> World() => ShapeWorld.Create("gitlab", async (sim, url, api) => (await api.PostAsJsonAsync(Api + "/hooks", new
    {
        url, token = "t", push_events = true, merge_requests_events = true, note_events = true, issues_events = true, pipeline_events = true,
    })).EnsureSuccessStatusCode(), "group1/repo1", "group");

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _w.DisposeAsync();
    }

    private JsonNode Hook(string name, Func<JsonNode, bool>? where = null) => _w.Delivery("X-Gitlab-Event", name, where);

    [Fact]
    public void Push_hook_matches_fixture() => Sh.Matches(Hook("Push Hook"), ["gitlab/push_hook.json"],
        ["object_kind", "event_name", "before", "after", "ref", "checkout_sha", "user_id", "user_username", "project_id", "project.id",
         "project.path_with_namespace", "project.web_url", "commits[].id", "commits[].message", "commits[].timestamp", "commits[].author.email", "total_commits_count"]);

    [Fact]
    public void Merge_request_hook_matches_fixture()
    {
        foreach (var action in new[] { "open", "update", "merge" })
        {
            Sh.Matches(Hook("Merge Request Hook", j => (string?)j["object_attributes"]!["action"] == action), ["gitlab/merge_request_hook.json", "gitlab/merge_request_hook.service.json"],
                ["object_kind", "event_type", "user.username", "project.id", "object_attributes.id", "object_attributes.iid", "object_attributes.action",
                 "object_attributes.state", "object_attributes.source_branch", "object_attributes.target_branch", "object_attributes.last_commit.id",
                 "object_attributes.updated_at", "object_attributes.url"]);
        }
    }

    [Fact]
    public void Note_hooks_match_fixtures()
    {
        string[] files = ["gitlab/note_hook.merge_request.json", "gitlab/note_hook.issue.json", "gitlab/note_hook.commit.json"];
        Sh.Matches(Hook("Note Hook", j => j["merge_request"] is not null), files,
            ["object_kind", "object_attributes.id", "object_attributes.note", "object_attributes.noteable_type", "object_attributes.url", "merge_request.iid", "user.username"]);
        Sh.Matches(Hook("Note Hook", j => j["issue"] is not null), files, ["object_attributes.note", "issue.iid", "issue.title"]);
    }

    [Fact]
    public void Issue_hook_matches_fixture() => Sh.Matches(Hook("Issue Hook"), ["gitlab/issue_hook.json"],
        ["object_kind", "object_attributes.iid", "object_attributes.action", "object_attributes.state", "object_attributes.title", "user.username"]);

    [Fact]
    public void Pipeline_hook_matches_fixture() => Sh.Matches(Hook("Pipeline Hook"), ["gitlab/pipeline_hook.json"],
        ["object_kind", "object_attributes.id", "object_attributes.status", "object_attributes.ref", "object_attributes.sha", "object_attributes.finished_at",
         "project.id", "commit.id", "user.username"]);

    [Fact]
    public async Task Project_responses_match_fixtures()
    {
        Sh.Matches(await _w.Get(_api, "/gitlab/api/v4/projects?membership=true"), ["gitlab/api/projects.list.response.drone-go-scm.json"],
            ["[].id", "[].path_with_namespace", "[].default_branch", "[].visibility", "[].web_url", "[].http_url_to_repo", "[].namespace.full_path", "[].last_activity_at"]);
        Sh.Matches(await _w.Get(_api, Api), ["gitlab/api/project.get.response.gitlab4j.json", "gitlab/api/project.get.response.drone-go-scm.json"], ["id", "path_with_namespace", "default_branch"]);
    }

    [Fact]
    public async Task Hook_responses_match_fixtures()
    {
        // The docs' "Get a project webhook" example is the current representation; list items and POST answers use it too.
        var hooks = (await _w.Get(_api, Api + "/hooks")).AsArray();
        Assert.NotEmpty(hooks);
        foreach (var hook in hooks)
        {
            Sh.Matches(hook, ["gitlab/api/project-hook.get.response.json"], ["id", "url", "project_id", "push_events", "merge_requests_events", "alert_status", "disabled_until"]);
            Sh.Matches(await _w.Get(_api, $"{Api}/hooks/{hook!["id"]}"), ["gitlab/api/project-hook.get.response.json"], ["id", "url"]);
        }
    }

    [Fact]
    public async Task Poll_responses_match_fixtures()
    {
        Sh.Matches(await _w.Get(_api, Api + "/events?after=2000-01-01"),
            ["gitlab/api/project-events.list.response.gitlab4j.json", "gitlab/api/project-events.list.response.narkoz.json", "gitlab/api/events.list.response.gitlab4j.json"],
            ["[].action_name", "[].created_at", "[].author_username", "[].push_data.ref", "[].push_data.commit_to", "[].note.body", "[].target_type"]);
        Sh.Matches(await _w.Get(_api, Api + "/pipelines?updated_after=2000-01-01T00:00:00Z"),
            ["gitlab/api/project-pipelines.list.response.json", "gitlab/api/project-pipelines.list.response.narkoz.json"], ["[].id", "[].status", "[].ref", "[].sha", "[].updated_at"]);
        var sha = (string)(await _w.Get(_api, Api + "/repository/branches"))[0]!["commit"]!["id"]!;
        await _w.Sim.Event("status", new { provider = "gitlab", repo = "group1/repo1", sha, state = "failure" });
        Sh.Matches(await _w.Get(_api, $"{Api}/repository/commits/{sha}/statuses"), ["gitlab/api/commit-statuses.list.response.drone-go-scm.json"], ["[].id", "[].sha", "[].status", "[].name"]);
    }
}
