using System.Net;
using System.Text;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.Tests.Api.Writes;

/// <summary>
/// The thread and status answers follow the documented samples (trimmed of identities and links):
/// https://learn.microsoft.com/rest/api/azure/devops/git/pull-request-threads/create,
/// https://learn.microsoft.com/rest/api/azure/devops/git/statuses/create. A reply's answer is the comment object of the
/// real pull-request comment event fixture.
/// </summary>
public sealed class AzureDevOpsWritesTests
{
    private const string Org = "https://dev.azure.com/fabrikam";
    private const string Pat = "azure-writes-pat";
    private const string ProjectId = "6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c";
    private const string RepoId = "3411ebc1-d5aa-464f-9615-0b527bc66719";
    private const string Sha = "be67f8871a4d2c75f13a51c1d3c30ac0d74d4ef4";
    private const string RepoApi = $"{Org}/{ProjectId}/_apis/git/repositories/{RepoId}";
    private static readonly RepositoryRef Repo = new(RepoId, "Fabrikam Fiber/Fabrikam-Fiber-Git", ProjectId);
    private readonly CannedHttp _http = new();

    private const string ThreadAnswer = """
        {"pullRequestThreadContext":null,"id":148,"publishedDate":"2016-11-01T16:30:50.083Z","lastUpdatedDate":"2016-11-01T16:30:50.083Z",
         "comments":[{"id":1,"parentCommentId":0,"content":"Should we add a comment about what this value means?",
                      "publishedDate":"2016-11-01T16:30:50.083Z","lastUpdatedDate":"2016-11-01T16:30:50.083Z",
                      "lastContentUpdatedDate":"2016-11-01T16:30:50.083Z","commentType":"text"}],
         "status":"active","threadContext":null,"properties":{},"isDeleted":false}
        """;

    private const string StatusAnswer = """
        {"state":"succeeded","description":"The build is successful","context":{"name":"Build123","genre":"continuous-integration"},
         "creationDate":"2016-01-27T09:33:07Z","targetUrl":"https://ci.fabrikam.com/my-project/build/124","id":1}
        """;

    private IProviderApi Client() =>
        ProviderCatalog.For(ProviderKind.AzureDevOps).CreateApi(_http.Client(), new ProviderConnectionInfo(new Uri(Org), Pat), new TestClock());

    [Fact]
    public async Task A_pull_request_comment_opens_a_new_active_thread()
    {
        string url = $"{RepoApi}/pullRequests/22/threads?api-version=7.0";
        _http.On(HttpMethod.Post, url, HttpStatusCode.OK, ThreadAnswer);

        PostedComment posted = await Client().CreateCommentAsync(Repo, new CommentTarget(CommentTargetKind.PullRequest, 22), "Should we?", CancellationToken.None);

        Assert.Equal(new PostedComment("22/148/1", $"{Org}/Fabrikam%20Fiber/_git/Fabrikam-Fiber-Git/pullrequest/22?discussionId=148"), posted);
        RecordedRequest sent = WriteAssert.Sent(_http, HttpMethod.Post, url,
            """{"comments":[{"parentCommentId":0,"content":"Should we?","commentType":1}],"status":1}""");
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + Pat)), sent.Header("Authorization"));
    }

    [Fact]
    public async Task A_comment_with_a_thread_is_a_reply_in_that_thread()
    {
        string url = $"{RepoApi}/pullRequests/1/threads/5/comments?api-version=7.0";
        string reply = ApiFixtures.Json("azure-devops/ms.vss-code.git-pullrequest-comment-event.drone-go-scm.json")["resource"]!["comment"]!.ToJsonString();
        _http.On(HttpMethod.Post, url, HttpStatusCode.OK, reply);

        PostedComment posted = await Client().CreateCommentAsync(Repo, new CommentTarget(CommentTargetKind.PullRequest, 1, ThreadId: "5"), "This is my comment.", CancellationToken.None);

        Assert.Equal(new PostedComment("1/5/2", $"{Org}/Fabrikam%20Fiber/_git/Fabrikam-Fiber-Git/pullrequest/1?discussionId=5"), posted);
        WriteAssert.Sent(_http, HttpMethod.Post, url, """{"content":"This is my comment.","parentCommentId":1,"commentType":1}""");
    }

    [Fact]
    public async Task A_thread_id_that_is_not_a_number_is_refused_before_any_call()
    {
        ProviderApiException ex = await Assert.ThrowsAsync<ProviderApiException>(() =>
            Client().CreateCommentAsync(Repo, new CommentTarget(CommentTargetKind.PullRequest, 1, ThreadId: "1/5"), "x", CancellationToken.None));
        Assert.Equal(ProviderApiErrorKind.Rejected, ex.Kind);
        Assert.Empty(_http.Requests);
    }

    [Theory]
    [InlineData(CommitState.Pending, "pending")]
    [InlineData(CommitState.Success, "succeeded")]
    [InlineData(CommitState.Failure, "failed")]
    [InlineData(CommitState.Error, "error")]
    public async Task Sets_a_commit_status_in_the_hub_genre(CommitState state, string sent)
    {
        string url = $"{RepoApi}/commits/{Sha}/statuses?api-version=7.0";
        _http.On(HttpMethod.Post, url, HttpStatusCode.Created, StatusAnswer);

        PostedStatus posted = await Client().SetCommitStatusAsync(Repo,
            new StatusSpec(Sha, state, "Build123", "The build is successful", "https://ci.fabrikam.com/my-project/build/124"), CancellationToken.None);

        Assert.Equal(new PostedStatus("1", "https://ci.fabrikam.com/my-project/build/124"), posted);
        WriteAssert.Sent(_http, HttpMethod.Post, url, $$"""
            {"state":"{{sent}}","context":{"name":"Build123","genre":"integrationhub"},"description":"The build is successful","targetUrl":"https://ci.fabrikam.com/my-project/build/124"}
            """);
    }
}
