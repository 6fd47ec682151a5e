using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;
using Sh = IntegrationHub.ProviderSim.Tests.Infrastructure.Shape;

namespace IntegrationHub.ProviderSim.Tests.Shape;

/// <summary>Every GitHub payload and response the simulator makes, against the real ones in ../shared/fixtures/github.</summary>
public sealed class GitHubShapeTests : IAsyncLifetime
{
    private const string Api = "/github/api/v3/repos/acme1/repo1";
    private ShapeWorld _w = null!;
    private HttpClient _api = null!;

    /// <summary>
    /// <c>organization</c> is sent for every event on an organization's repository
    /// (https://docs.github.com/webhooks/webhook-events-and-payloads#webhook-payload-object-common-properties); only the
    /// push fixture was captured on one.
    /// </summary>
    private static readonly string[] Org = ["organization"];

    /// <summary>
    /// Real fields the fixtures happen not to carry: <c>issue.pull_request</c> marks an issue that is a pull request
    /// (https://docs.github.com/rest/issues/issues#list-repository-issues), present on comments on pull requests.
    /// </summary>
    private static readonly string[] IssueExtras = ["issue.pull_request", .. Org];

    /// <summary><c>merged_by</c> is a user once merged; the closed fixture was closed unmerged (null).</summary>
    private static readonly string[] Merged = ["pull_request.merged_by", .. Org];

    public async Task InitializeAsync()
    {
        _w = await ShapeWorld.Create("github", async (sim, url, api) =>
            (await api.PostAsJsonAsync(Api + "/hooks", new { events = new[] { "*" }, config = new { url, content_type = "json", secret = "s" } })).EnsureSuccessStatusCode(),
            "acme1/repo1", "acme");
        _api = await ShapeWorld.ApiClient(_w.Sim, "github");
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _w.DisposeAsync();
    }

    private JsonNode Event(string name, Func<JsonNode, bool>? where = null) => _w.Delivery("X-GitHub-Event", name, where);

    [Fact]
    public void Push_matches_fixture() => Sh.Matches(Event("push"), ["github/push.json", "github/push.new-branch.json", "github/push.with-organization.json"],
        ["ref", "before", "after", "created", "commits[].id", "commits[].message", "commits[].author.email", "head_commit.id", "pusher.name",
         "repository.id", "repository.full_name", "repository.owner.login", "repository.default_branch", "sender.login", "sender.id", "organization.login"]);

    [Fact]
    public void Pull_request_events_match_fixtures()
    {
        string[] files = ["github/pull_request.opened.json", "github/pull_request.closed.json", "github/pull_request.synchronize.json", "github/pull_request.reopened.json"];
        string[] keys = ["action", "number", "pull_request.id", "pull_request.number", "pull_request.state", "pull_request.title", "pull_request.head.ref",
            "pull_request.head.sha", "pull_request.base.ref", "pull_request.merged", "pull_request.updated_at", "pull_request.html_url", "pull_request.user.login",
            "repository.full_name", "sender.login"];
        foreach (var action in new[] { "opened", "synchronize", "closed" })
        {
            Sh.Matches(Event("pull_request", j => (string?)j["action"] == action), files, keys, Merged);
        }
    }

    [Fact]
    public void Issue_comment_matches_fixture()
    {
        string[] keys = ["action", "comment.id", "comment.body", "comment.user.login", "comment.created_at", "issue.number", "issue.title", "issue.state", "repository.full_name"];
        Sh.Matches(Event("issue_comment", j => j["issue"]!["pull_request"] is not null), ["github/issue_comment.created.json", "github/issue_comment.created.1.json"], keys, IssueExtras);
        Sh.Matches(Event("issue_comment", j => j["issue"]!["pull_request"] is null), ["github/issue_comment.created.json", "github/issue_comment.created.1.json"], keys, Org);
    }

    [Fact]
    public void Issues_opened_matches_fixture() =>
        Sh.Matches(Event("issues"), ["github/issues.opened.json", "github/issues.opened.empty-body.json"], ["action", "issue.number", "issue.title", "issue.state", "issue.user.login"], Org);

    [Fact]
    public void Workflow_run_matches_fixture() => Sh.Matches(Event("workflow_run"),
        ["github/workflow_run.completed.success.json", "github/workflow_run.completed.with-pull-requests.json"],
        ["action", "workflow_run.id", "workflow_run.status", "workflow_run.conclusion", "workflow_run.head_branch", "workflow_run.head_sha", "workflow_run.html_url", "workflow.id"], Org);

    [Fact]
    public void Status_matches_fixture() => Sh.Matches(Event("status"), ["github/status.json"], ["id", "sha", "state", "context", "description", "commit.sha", "branches[].name"], ["commit.parents", .. Org]);

    [Fact]
    public void Create_and_ping_match_fixtures()
    {
        Sh.Matches(Event("create"), ["github/create.json"], ["ref", "ref_type", "master_branch", "repository.full_name"], Org);
        Sh.Matches(Event("ping"), ["github/ping.json"], ["zen", "hook_id", "hook.id", "hook.config.url", "hook.events", "repository.full_name"], ["hook.config.secret", .. Org]);
    }

    [Fact]
    public async Task Repository_lists_match_fixtures()
    {
        string[] keys = ["[].id", "[].name", "[].full_name", "[].private", "[].owner.login", "[].html_url", "[].clone_url", "[].default_branch", "[].permissions.admin", "[].pushed_at"];
        Sh.Matches(await _w.Get(_api, "/github/api/v3/user/repos"), ["github/api/orgs-repos.list.response.json", "github/api/user-repos.list.response.drone-go-scm.json"], keys);
        Sh.Matches(await _w.Get(_api, "/github/api/v3/orgs/acme1/repos"), ["github/api/orgs-repos.list.response.json"], keys);
    }

    /// <summary>
    /// <c>GET /user</c> is the simple user every payload's <c>sender</c> carries, plus the profile fields of the private
    /// user (no fixture has them): https://docs.github.com/rest/users/users#get-the-authenticated-user
    /// </summary>
    [Fact]
    public async Task Current_user_matches_the_sender_object() => Sh.Matches(await _w.Get(_api, "/github/api/v3/user"),
        ["github/push.json", "github/pull_request.opened.json"], ["id", "login", "type", "html_url"], ["name", "email", "created_at", "updated_at"], fixtureRoot: "sender");

    [Fact]
    public async Task Hook_responses_match_fixtures()
    {
        var list = await _w.Get(_api, Api + "/hooks");
        Sh.Matches(list, ["github/api/repos-hooks.list.response.json"], ["[].id", "[].active", "[].events", "[].config.url", "[].last_response.code"], ["[].config.secret", "[].test_url", "[].ping_url", "[].deliveries_url"]);
        Sh.Matches(list[0], ["github/api/repos-hooks.create.response.json"], ["id", "url", "active", "events", "config.url", "config.content_type", "deliveries_url"], ["config.secret"]);
        Sh.Matches(list[0]!["config"], ["github/api/repos-hooks.config.get.response.json"], ["url", "content_type", "secret"]);
    }

    [Fact]
    public async Task Polled_pulls_comments_and_runs_match_the_webhook_objects()
    {
        var pulls = (await _w.Get(_api, Api + "/pulls?state=all&sort=updated")).AsArray();
        Assert.NotEmpty(pulls);
        foreach (var pull in pulls)
        {
            Sh.Matches(pull, ["github/pull_request.opened.json", "github/pull_request.closed.json"], ["number", "state", "head.sha", "updated_at"], ["merged_by"], fixtureRoot: "pull_request");
        }

        var comments = (await _w.Get(_api, Api + "/issues/comments?since=2000-01-01T00:00:00Z")).AsArray();
        Assert.NotEmpty(comments);
        foreach (var comment in comments)
        {
            Sh.Matches(comment, ["github/issue_comment.created.json"], ["id", "body", "user.login", "created_at", "html_url"], fixtureRoot: "comment");
        }

        var issues = (await _w.Get(_api, Api + "/issues?state=all")).AsArray();
        Assert.NotEmpty(issues);
        foreach (var issue in issues)
        {
            Sh.Matches(issue, ["github/issues.opened.json"], ["number", "state", "title", "updated_at"], ["pull_request"], fixtureRoot: "issue");
        }

        var run = (await _w.Get(_api, Api + "/actions/runs"))["workflow_runs"]![0];
        Sh.Matches(run, ["github/workflow_run.completed.success.json"], ["id", "status", "conclusion", "head_sha", "updated_at"], fixtureRoot: "workflow_run");
    }

    /// <summary>
    /// What a write answers: the created issue comment is the webhook's <c>comment</c>. The created commit status has no
    /// real counterpart in the fixtures (status.json is the webhook, a different object), so it is not compared.
    /// </summary>
    [Fact]
    public async Task Created_comment_matches_the_webhook_comment()
    {
        using var response = await _api.PostAsJsonAsync(Api + "/issues/1/comments", new { body = "From the hub" });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var comment = await response.Content.ReadFromJsonAsync<JsonNode>();
        Sh.Matches(comment, ["github/issue_comment.created.json", "github/issue_comment.created.1.json"], ["id", "body", "user.login", "created_at", "html_url"],
            fixtureRoot: "comment");
    }
}
