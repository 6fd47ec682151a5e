using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.Tests.Api.Writes;

/// <summary>
/// Answers are the comment and commit-status objects of the real delivery fixtures (Bitbucket sends the same objects
/// its REST API returns): https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pullrequests/#api-repositories-workspace-repo-slug-pullrequests-pull-request-id-comments-post
/// </summary>
public sealed class BitbucketCloudWritesTests
{
    private const string Api = "https://api.bitbucket.org/2.0";
    private const string Token = "bbc-writes-token";
    private const string Sha = "9fec847784abb10b2fa567ee63b85bd238955d0e";
    private static readonly RepositoryRef Repo = new("{9e3b4e2a-0f5e-4b5a-9c1e-6f7d8a9b0c1d}", "my-workspace/my-repo");
    private readonly CannedHttp _http = new();

    private static string CommentAnswer => ApiFixtures.Json("bitbucket-cloud/pullrequest_comment_created.json")["comment"]!.ToJsonString();

    private static string StatusAnswer => ApiFixtures.Json("bitbucket-cloud/repo_commit_status_created.json")["commit_status"]!.ToJsonString();

    private IProviderApi Client(string? baseUrl = null) =>
        ProviderCatalog.For(ProviderKind.BitbucketCloud).CreateApi(_http.Client(), new ProviderConnectionInfo(baseUrl is null ? null : new Uri(baseUrl), Token), new TestClock());

    [Theory]
    [InlineData(CommentTargetKind.PullRequest, "/pullrequests/3/comments")]
    [InlineData(CommentTargetKind.Issue, "/issues/3/comments")]
    [InlineData(CommentTargetKind.Commit, "/commit/" + Sha + "/comments")]
    public async Task Comments_carry_raw_markdown_content(CommentTargetKind kind, string path)
    {
        string url = $"{Api}/repositories/my-workspace/my-repo{path}";
        _http.On(HttpMethod.Post, url, HttpStatusCode.Created, CommentAnswer);

        PostedComment posted = await Client().CreateCommentAsync(Repo, new CommentTarget(kind, 3, Sha), "Comment *text*", CancellationToken.None);

        Assert.Equal(new PostedComment("17", "https://api.bitbucket.org/comment_id"), posted);
        RecordedRequest sent = WriteAssert.Sent(_http, HttpMethod.Post, url, """{"content":{"raw":"Comment *text*"}}""");
        Assert.Equal($"Bearer {Token}", sent.Header("Authorization"));
    }

    [Theory]
    [InlineData(CommitState.Pending, "INPROGRESS")]
    [InlineData(CommitState.Success, "SUCCESSFUL")]
    [InlineData(CommitState.Failure, "FAILED")]
    [InlineData(CommitState.Error, "FAILED")]
    public async Task Sets_a_build_status_keyed_by_the_context(CommitState state, string sent)
    {
        string url = $"{Api}/repositories/my-workspace/my-repo/commit/{Sha}/statuses/build";
        _http.On(HttpMethod.Post, url, HttpStatusCode.Created, StatusAnswer);

        PostedStatus posted = await Client().SetCommitStatusAsync(Repo,
            new StatusSpec(Sha, state, "mybuildtool", "Build started", "https://my-build-tool.com/builds/MY-PROJECT/BUILD-777"), CancellationToken.None);

        // The fixture's status has no uuid: its key names it.
        Assert.Equal(new PostedStatus("mybuildtool", "https://my-build-tool.com/builds/MY-PROJECT/BUILD-777"), posted);
        WriteAssert.Sent(_http, HttpMethod.Post, url, $$"""
            {"key":"mybuildtool","state":"{{sent}}","name":"mybuildtool","url":"https://my-build-tool.com/builds/MY-PROJECT/BUILD-777","description":"Build started"}
            """);
    }

    [Theory]
    [InlineData(null, Api, "https://bitbucket.org/my-workspace/my-repo/commits/" + Sha)]
    [InlineData("http://127.0.0.1:5090/bitbucket", "http://127.0.0.1:5090/bitbucket/2.0", "http://127.0.0.1:5090/bitbucket/my-workspace/my-repo/commits/" + Sha)]
    public async Task Without_a_target_url_the_required_url_is_the_commit_page(string? baseUrl, string api, string page)
    {
        JsonObject answer = JsonNode.Parse(StatusAnswer)!.AsObject();
        answer["uuid"] = "{6d0d8b6e-cd3a-4a7e-8f0d-7d2f6c3f1a11}";
        answer["url"] = page;
        _http.On(HttpMethod.Post, $"{api}/repositories/my-workspace/my-repo/commit/{Sha}/statuses/build", HttpStatusCode.Created, answer.ToJsonString());

        PostedStatus posted = await Client(baseUrl).SetCommitStatusAsync(Repo, new StatusSpec(Sha, CommitState.Success, "ci/x"), CancellationToken.None);

        JsonObject body = Assert.Single(_http.Requests).JsonBody().AsObject();
        Assert.Equal(page, body["url"]!.GetValue<string>());
        Assert.False(body.ContainsKey("description"));
        Assert.Equal(new PostedStatus("{6d0d8b6e-cd3a-4a7e-8f0d-7d2f6c3f1a11}", page), posted);
    }
}
