using Sh = IntegrationHub.ProviderSim.Tests.Infrastructure.Shape;

namespace IntegrationHub.ProviderSim.Tests.Shape;

/// <summary>
/// What Bitbucket Cloud's writes answer, against the same objects in the webhook payloads of ../shared/fixtures/bitbucket-cloud.
/// </summary>
public sealed class BitbucketWriteShapeTests() : ReadShapeTestBase(BitbucketShapeTests.World, "bitbucket", "values")
{
    private const string Api = "/bitbucket/2.0/repositories/ws1/repo1";

    /// <summary>Documented fields the (older, docs-derived) fixtures lack, as in <see cref="BitbucketReadShapeTests"/>.</summary>
    private static readonly string[] Documented = ["type", "comment_count", "task_count", "user", "deleted", "pullrequest", "draft", "queued", "summary.type"];

    [Fact]
    public async Task Created_pull_request_comment_matches_the_webhook_comment()
    {
        var comment = await Post(Api + "/pullrequests/1/comments", new { content = new { raw = "From the hub" } });
        Sh.Matches(comment, ["bitbucket-cloud/pullrequest_comment_created.json"], ["id", "content.raw", "created_on", "links.html.href"], Documented, fixtureRoot: "comment");
        Sh.Matches(comment["user"], ["bitbucket-cloud/pullrequest_comment_created.json"], ["uuid", "display_name"], fixtureRoot: "actor");
    }

    [Fact]
    public async Task Created_build_status_matches_the_webhook_commit_status()
    {
        var sha = ((string)W.Delivery("X-Event-Key", "repo:commit_status_created")["commit_status"]!["links"]!["commit"]!["href"]!).Split('/')[^1];
        var status = await Post($"{Api}/commit/{sha}/statuses/build",
            new { key = "hub-ci", state = "SUCCESSFUL", url = "https://ci.example/1", name = "Hub CI", description = "All good" });
        Sh.Matches(status, ["bitbucket-cloud/repo_commit_status_created.json", "bitbucket-cloud/repo_commit_status_updated.json"],
            ["key", "name", "state", "url", "created_on", "updated_on", "links.commit.href"], ["refname", .. Documented], fixtureRoot: "commit_status");
    }
}
