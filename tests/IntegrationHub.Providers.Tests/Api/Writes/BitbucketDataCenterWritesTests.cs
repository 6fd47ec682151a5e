using System.Net;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.Tests.Api.Writes;

/// <summary>
/// The comment answer is the comment object of the real pr:comment:added fixture (the REST resource's shape); the
/// build-status resource answers 204 with no body.
/// https://developer.atlassian.com/server/bitbucket/how-tos/updating-build-status-for-commits/
/// </summary>
public sealed class BitbucketDataCenterWritesTests
{
    private const string Base = "https://bitbucket.example.com";
    private const string Token = "bbdc-writes-token";
    private const string Sha = "e00cf62997a027bbf785614a93e2e55bb331d268";
    private static readonly RepositoryRef Repo = new("4", "PRJ/my-repo");
    private readonly CannedHttp _http = new();

    private static string CommentAnswer => ApiFixtures.Json("bitbucket-server/pr_comment_added.json")["comment"]!.ToJsonString();

    private IProviderApi Client() =>
        ProviderCatalog.For(ProviderKind.BitbucketDataCenter).CreateApi(_http.Client(), new ProviderConnectionInfo(new Uri(Base), Token), new TestClock());

    [Fact]
    public async Task A_pull_request_comment_links_the_overview_at_the_comment()
    {
        string url = $"{Base}/rest/api/1.0/projects/PRJ/repos/my-repo/pull-requests/12/comments";
        _http.On(HttpMethod.Post, url, HttpStatusCode.Created, CommentAnswer);

        PostedComment posted = await Client().CreateCommentAsync(Repo, new CommentTarget(CommentTargetKind.PullRequest, 12), "test", CancellationToken.None);

        Assert.Equal(new PostedComment("167", $"{Base}/projects/PRJ/repos/my-repo/pull-requests/12/overview?commentId=167"), posted);
        RecordedRequest sent = WriteAssert.Sent(_http, HttpMethod.Post, url, """{"text":"test"}""");
        Assert.Equal($"Bearer {Token}", sent.Header("Authorization"));
    }

    [Fact]
    public async Task A_commit_comment_links_the_commit()
    {
        string url = $"{Base}/rest/api/1.0/projects/PRJ/repos/my-repo/commits/{Sha}/comments";
        _http.On(HttpMethod.Post, url, HttpStatusCode.Created, CommentAnswer);

        PostedComment posted = await Client().CreateCommentAsync(Repo, new CommentTarget(CommentTargetKind.Commit, Sha: Sha), "test", CancellationToken.None);

        Assert.Equal(new PostedComment("167", $"{Base}/projects/PRJ/repos/my-repo/commits/{Sha}"), posted);
        WriteAssert.Sent(_http, HttpMethod.Post, url, """{"text":"test"}""");
    }

    [Theory]
    [InlineData(CommitState.Pending, "INPROGRESS")]
    [InlineData(CommitState.Success, "SUCCESSFUL")]
    [InlineData(CommitState.Failure, "FAILED")]
    [InlineData(CommitState.Error, "FAILED")]
    public async Task Sets_a_build_status_through_the_build_status_resource(CommitState state, string sent)
    {
        string url = $"{Base}/rest/build-status/1.0/commits/{Sha}";
        _http.On(HttpMethod.Post, url, HttpStatusCode.NoContent);

        PostedStatus posted = await Client().SetCommitStatusAsync(Repo,
            new StatusSpec(Sha, state, "ci/x", "Unit tests", "https://ci.example.com/builds/7"), CancellationToken.None);

        Assert.Equal(new PostedStatus(null, "https://ci.example.com/builds/7"), posted);
        WriteAssert.Sent(_http, HttpMethod.Post, url, $$"""
            {"state":"{{sent}}","key":"ci/x","name":"ci/x","url":"https://ci.example.com/builds/7","description":"Unit tests"}
            """);
    }

    [Fact]
    public async Task Without_a_target_url_the_required_url_is_the_commit_page()
    {
        _http.On(HttpMethod.Post, $"{Base}/rest/build-status/1.0/commits/{Sha}", HttpStatusCode.NoContent);
        PostedStatus posted = await Client().SetCommitStatusAsync(Repo, new StatusSpec(Sha, CommitState.Pending, "ci/x"), CancellationToken.None);

        string page = $"{Base}/projects/PRJ/repos/my-repo/commits/{Sha}";
        Assert.Equal(new PostedStatus(null, page), posted);
        WriteAssert.Sent(_http, HttpMethod.Post, $"{Base}/rest/build-status/1.0/commits/{Sha}", $$"""
            {"state":"INPROGRESS","key":"ci/x","name":"ci/x","url":"{{page}}"}
            """);
    }
}
