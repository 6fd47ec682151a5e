using System.Text.Json.Nodes;
using Sh = IntegrationHub.ProviderSim.Tests.Infrastructure.Shape;

namespace IntegrationHub.ProviderSim.Tests.Shape;

/// <summary>
/// The Bitbucket Cloud read responses the hub's poll and connect flows use, against the same objects in the webhook
/// payloads of ../shared/fixtures/bitbucket-cloud (the poll reader feeds them to the webhook normalizer unchanged).
/// </summary>
public sealed class BitbucketReadShapeTests() : ReadShapeTestBase(BitbucketShapeTests.World, "bitbucket", "values")
{
    private const string Api = "/bitbucket/2.0/repositories/ws1/repo1";

    /// <summary>
    /// Documented fields the (older, docs-derived) fixtures lack: <c>type</c>, <c>comment_count</c>, <c>task_count</c>, a
    /// comment's <c>user</c>/<c>deleted</c>/<c>pullrequest</c>. https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pullrequests/
    /// </summary>
    private static readonly string[] Documented = ["type", "comment_count", "task_count", "user", "deleted", "pullrequest", "draft", "queued", "summary.type"];

    private static readonly string[] PullFiles = ["bitbucket-cloud/pullrequest_created.json", "bitbucket-cloud/pullrequest_updated.json",
        "bitbucket-cloud/pullrequest_fulfilled.json", "bitbucket-cloud/pullrequest_rejected.json"];

    [Fact]
    public async Task Pull_requests_match_the_webhook_pullrequest()
    {
        foreach (var pr in await Values(Api + "/pullrequests?state=OPEN&state=MERGED&state=DECLINED&sort=-updated_on&pagelen=50"))
        {
            Sh.Matches(pr, PullFiles, ["id", "title", "state", "created_on", "updated_on", "author.uuid", "author.display_name", "source.branch.name",
                "source.commit.hash", "destination.branch.name", "links.html.href"], Documented, fixtureRoot: "pullrequest");
        }
    }

    [Fact]
    public async Task Pull_request_comments_match_the_webhook_comment()
    {
        foreach (var comment in await Values(Api + "/pullrequests/1/comments?pagelen=100"))
        {
            Sh.Matches(comment, ["bitbucket-cloud/pullrequest_comment_created.json"], ["id", "content.raw", "created_on", "links.html.href"], Documented, fixtureRoot: "comment");
            Sh.Matches(comment!["user"], ["bitbucket-cloud/pullrequest_comment_created.json"], ["uuid", "display_name"], fixtureRoot: "actor");
            Assert.Equal(System.Text.Json.JsonValueKind.False, comment["deleted"]!.GetValueKind());
        }
    }

    [Fact]
    public async Task Commit_statuses_match_the_webhook_commit_status()
    {
        // The commit the status event was posted on (the branch heads have moved on since).
        var sha = ((string)W.Delivery("X-Event-Key", "repo:commit_status_created")["commit_status"]!["links"]!["commit"]!["href"]!).Split('/')[^1];
        foreach (var status in await Values($"{Api}/commit/{sha}/statuses"))
        {
            Sh.Matches(status, ["bitbucket-cloud/repo_commit_status_created.json", "bitbucket-cloud/repo_commit_status_updated.json"],
                ["key", "name", "state", "url", "created_on", "updated_on", "links.commit.href"], ["refname", .. Documented], fixtureRoot: "commit_status");
        }
    }

    /// <summary>
    /// The REST commit's <c>author</c> is <c>{type, raw, user}</c> and it names its <c>repository</c>; the push payload
    /// fixture (docs-derived, older) abbreviates both. https://developer.atlassian.com/cloud/bitbucket/rest/api-group-commits/
    /// </summary>
    private static readonly string[] CommitExtras = ["target.author", "target.repository", "default_merge_strategy", "merge_strategies"];

    [Fact]
    public async Task Branches_match_the_push_change_new_ref()
    {
        foreach (var branch in await Values(Api + "/refs/branches?sort=-target.date&pagelen=100"))
        {
            Sh.Matches(branch, ["bitbucket-cloud/repo_push.json"], ["name", "type", "target.hash", "target.date", "target.message", "links.html.href"],
                CommitExtras, fixtureRoot: "push.changes.[0].new");
            Sh.Matches(branch!["target"]!["author"]!["user"], ["bitbucket-cloud/repo_push.json"], ["uuid", "display_name"], fixtureRoot: "actor");
        }
    }

    /// <summary><c>GET /2.0/user</c> is the account object every payload's <c>actor</c> carries, plus a few profile fields.
    /// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-users/#api-user-get</summary>
    [Fact]
    public async Task Current_user_matches_the_actor_object() => Sh.Matches(await Get("/bitbucket/2.0/user"),
        ["bitbucket-cloud/pullrequest_created.json", "bitbucket-cloud/repo_push.json"], ["uuid", "account_id", "nickname", "display_name", "links.html.href"],
        ["type", "created_on", "is_staff", "has_2fa_enabled", "location", "username"], fixtureRoot: "actor");
}
