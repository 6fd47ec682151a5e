using Sh = IntegrationHub.ProviderSim.Tests.Infrastructure.Shape;

namespace IntegrationHub.ProviderSim.Tests.Shape;

/// <summary>
/// What Azure DevOps' writes answer: a created thread's comment and a comment added to it are the comment event's
/// <c>resource.comment</c> (../shared/fixtures/azure-devops). No fixture holds a commit status, so that is not compared.
/// </summary>
public sealed class AzureDevOpsWriteShapeTests() : ReadShapeTestBase(AzureDevOpsShapeTests.World, "azure-devops", "value")
{
    private const string Repo = "/azure-devops/contoso/proj1/_apis/git/repositories/repo1";
    private const string Version = "api-version=7.1";
    private const string Fixture = "azure-devops/ms.vss-code.git-pullrequest-comment-event.drone-go-scm.json";
    private static readonly string[] Keys = ["id", "parentCommentId", "author.displayName", "author.uniqueName", "content", "publishedDate", "commentType"];

    [Fact]
    public async Task Created_thread_and_reply_comments_match_the_comment_event()
    {
        var thread = await Post($"{Repo}/pullrequests/1/threads?{Version}",
            new { comments = new[] { new { parentCommentId = 0, content = "From the hub", commentType = 1 } }, status = 1 });
        Sh.Matches(thread["comments"]![0], [Fixture], Keys, fixtureRoot: "resource.comment");

        var reply = await Post($"{Repo}/pullrequests/1/threads/{(long)thread["id"]!}/comments?{Version}",
            new { content = "And again", parentCommentId = 1, commentType = 1 });
        Sh.Matches(reply, [Fixture], Keys, fixtureRoot: "resource.comment");
    }
}
