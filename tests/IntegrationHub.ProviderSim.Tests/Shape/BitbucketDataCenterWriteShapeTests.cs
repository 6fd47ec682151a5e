using Sh = IntegrationHub.ProviderSim.Tests.Infrastructure.Shape;

namespace IntegrationHub.ProviderSim.Tests.Shape;

/// <summary>
/// What Bitbucket Data Center's writes answer, against ../shared/fixtures/bitbucket-server. The build status API
/// answers 204 with no body, and no fixture holds a commit comment, so the pull request comment is what is compared.
/// </summary>
public sealed class BitbucketDataCenterWriteShapeTests() : ReadShapeTestBase(BitbucketDataCenterShapeTests.World, "bitbucket-dc", "values")
{
    private const string Api = "/bitbucket-dc/rest/api/1.0/projects/PRJ1/repos/repo1";

    [Fact]
    public async Task Created_pull_request_comment_matches_the_webhook_comment()
    {
        var comment = await Post(Api + "/pull-requests/1/comments", new { text = "From the hub" });
        Sh.Matches(comment, ["bitbucket-server/pr_comment_added.json", "bitbucket-server/pr_comment_edited.json"],
            ["id", "text", "author.name", "createdDate", "updatedDate"], fixtureRoot: "comment");
    }
}
