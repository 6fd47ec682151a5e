using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sh = IntegrationHub.ProviderSim.Tests.Infrastructure.Shape;

namespace IntegrationHub.ProviderSim.Tests.Shape;

/// <summary>Bitbucket Cloud payloads and responses against ../shared/fixtures/bitbucket-cloud.</summary>
public sealed class BitbucketShapeTests : IAsyncLifetime
{
    private const string Api = "/bitbucket/2.0/repositories/ws1/repo1";

    /// <summary>
    /// Documented fields the (older, docs-derived) fixtures lack: a comment's <c>user</c>, <c>type</c> and <c>deleted</c>,
    /// a pull request's <c>type</c> and <c>comment_count</c>. https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pullrequests/
    /// </summary>
    private static readonly string[] Documented = ["comment.user", "comment.type", "comment.deleted", "pullrequest.type", "pullrequest.comment_count"];

    private ShapeWorld _w = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _w = await World();
        _api = await ShapeWorld.ApiClient(_w.Sim, "bitbucket");
    }

    /// <summary>One repository with a catch-all hook and one of every event; shared with <see cref="BitbucketReadShapeTests"/>.</summary>
    internal static Task<ShapeWorld> World() => ShapeWorld.Create("bitbucket", async (sim, url, api) => (await api.PostAsJsonAsync(Api + "/hooks", new
    {
        description = "hub", url, active = true, secret = "s",
        events = new[] { "repo:push", "pullrequest:created", "pullrequest:updated", "pullrequest:fulfilled", "pullrequest:comment_created", "repo:commit_status_created", "repo:commit_status_updated" },
    })).EnsureSuccessStatusCode(), "ws1/repo1", "ws");

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _w.DisposeAsync();
    }

    private JsonNode Hook(string key) => _w.Delivery("X-Event-Key", key);

    [Fact]
    public void Push_matches_fixture() => Sh.Matches(_w.Delivery("X-Event-Key", "repo:push", j => j["push"]!["changes"]![0]!["old"] is not null), ["bitbucket-cloud/repo_push.json"],
        ["actor.uuid", "actor.display_name", "repository.full_name", "repository.uuid", "push.changes[].new.name", "push.changes[].new.target.hash",
         "push.changes[].old.target.hash", "push.changes[].commits[].hash", "push.changes[].commits[].message", "push.changes[].created"]);

    [Fact]
    public void Pull_request_events_match_fixtures()
    {
        string[] files = ["bitbucket-cloud/pullrequest_created.json", "bitbucket-cloud/pullrequest_updated.json", "bitbucket-cloud/pullrequest_fulfilled.json", "bitbucket-cloud/pullrequest_rejected.json"];
        string[] keys = ["pullrequest.id", "pullrequest.title", "pullrequest.state", "pullrequest.source.branch.name", "pullrequest.source.commit.hash",
            "pullrequest.destination.branch.name", "pullrequest.updated_on", "pullrequest.links.html.href", "actor.uuid", "repository.full_name"];
        foreach (var key in new[] { "pullrequest:created", "pullrequest:updated", "pullrequest:fulfilled" }) Sh.Matches(Hook(key), files, keys, Documented);
    }

    [Fact]
    public void Comment_matches_fixture() => Sh.Matches(Hook("pullrequest:comment_created"), ["bitbucket-cloud/pullrequest_comment_created.json"],
        ["comment.id", "comment.content.raw", "comment.created_on", "pullrequest.id", "actor.uuid"], Documented);

    [Fact]
    public void Commit_status_events_match_fixtures()
    {
        string[] files = ["bitbucket-cloud/repo_commit_status_created.json", "bitbucket-cloud/repo_commit_status_updated.json"];
        string[] keys = ["commit_status.state", "commit_status.key", "commit_status.name", "commit_status.url", "commit_status.links.commit.href", "repository.full_name"];
        Sh.Matches(Hook("repo:commit_status_created"), files, keys);
        Sh.Matches(Hook("repo:commit_status_updated"), files, keys);
    }

    [Fact]
    public async Task Api_responses_match_fixtures()
    {
        Sh.Matches(await _w.Get(_api, "/bitbucket/2.0/repositories?role=member"), ["bitbucket-cloud/api/repositories.list.response.drone-go-scm.json"],
            ["values[].uuid", "values[].full_name", "values[].is_private", "values[].mainbranch.name", "values[].links.html.href", "pagelen"], ["page", "size"]);
        var hooks = await _w.Get(_api, Api + "/hooks");
        Sh.Matches(hooks, ["bitbucket-cloud/api/repository-hooks.list.response.drone-go-scm.json"], ["values[].uuid", "values[].url", "values[].events", "values[].active"], ["values[].secret_set"]);
        Sh.Matches(hooks["values"]![0], ["bitbucket-cloud/api/repository-hook.create.response.drone-go-scm.json"], ["uuid", "url", "events", "subject.full_name"], ["secret_set"]);
    }
}
