using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sh = IntegrationHub.ProviderSim.Tests.Infrastructure.Shape;

namespace IntegrationHub.ProviderSim.Tests.Shape;

/// <summary>Bitbucket Data Center payloads and responses against ../shared/fixtures/bitbucket-server.</summary>
public sealed class BitbucketDataCenterShapeTests : IAsyncLifetime
{
    private const string Api = "/bitbucket-dc/rest/api/1.0/projects/PRJ1/repos/repo1";
    private ShapeWorld _w = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _w = await World();
        _api = await ShapeWorld.ApiClient(_w.Sim, "bitbucket-dc");
    }

    /// <summary>One repository with a catch-all hook and one of every event; shared with <see cref="BitbucketDataCenterReadShapeTests"/>.</summary>
    internal static Task<ShapeWorld> World() => ShapeWorld.Create("bitbucket-dc", async (sim, url, api) => (await api.PostAsJsonAsync(Api + "/webhooks", new
    {
        name = "hub", url, active = true, configuration = new { secret = "s" },
        events = new[] { "repo:refs_changed", "pr:opened", "pr:from_ref_updated", "pr:merged", "pr:comment:added" },
    })).EnsureSuccessStatusCode(), "PRJ1/repo1", "prj");

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _w.DisposeAsync();
    }

    private JsonNode Hook(string key) => _w.Delivery("X-Event-Key", key);

    private static readonly string[] PrKeys = ["eventKey", "date", "actor.name", "pullRequest.id", "pullRequest.title", "pullRequest.state", "pullRequest.fromRef.displayId",
        "pullRequest.fromRef.latestCommit", "pullRequest.toRef.repository.slug", "pullRequest.toRef.repository.project.key", "pullRequest.updatedDate"];

    [Fact]
    public void Refs_changed_matches_fixture() => Sh.Matches(Hook("repo:refs_changed"), ["bitbucket-server/repo_refs_changed.json"],
        ["eventKey", "date", "actor.name", "repository.slug", "repository.project.key", "changes[].ref.displayId", "changes[].fromHash", "changes[].toHash", "changes[].type"]);

    [Fact]
    public void Pull_request_events_match_fixtures()
    {
        Sh.Matches(Hook("pr:opened"), ["bitbucket-server/pr_opened.json", "bitbucket-server/pr_modified.json"], PrKeys);
        Sh.Matches(Hook("pr:from_ref_updated"), ["bitbucket-server/pr_from_ref_updated.drone-go-scm.json"], PrKeys);
        Sh.Matches(Hook("pr:merged"), ["bitbucket-server/pr_merged.json"], [.. PrKeys, "pullRequest.closedDate", "pullRequest.properties.mergeCommit.id"]);
        Sh.Matches(Hook("pr:comment:added"), ["bitbucket-server/pr_comment_added.json"], [.. PrKeys, "comment.id", "comment.text", "comment.author.name"]);
    }

    [Fact]
    public async Task Api_responses_match_fixtures()
    {
        Sh.Matches(await _w.Get(_api, "/bitbucket-dc/rest/api/1.0/repos"), ["bitbucket-server/api/repos.list.response.drone-go-scm.json"],
            ["values[].slug", "values[].id", "values[].project.key", "values[].links.clone[].href", "isLastPage", "start", "limit"]);
        var hooks = await _w.Get(_api, Api + "/webhooks");
        Sh.Matches(hooks, ["bitbucket-server/api/webhooks.list.response.drone-go-scm.json"], ["values[].id", "values[].url", "values[].events", "values[].configuration.secret"]);
        Sh.Matches(hooks["values"]![0], ["bitbucket-server/api/webhook.create.response.drone-go-scm.json"], ["id", "name", "url", "events", "active"]);
    }
}
