using System.Net;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.Tests.Api.Writes;

/// <summary>
/// Canned answers are the documented examples (trimmed of user objects):
/// https://docs.github.com/rest/issues/comments#create-an-issue-comment,
/// https://docs.github.com/rest/commits/comments#create-a-commit-comment,
/// https://docs.github.com/rest/commits/statuses#create-a-commit-status
/// </summary>
public sealed class GitHubWritesTests
{
    private const string Token = "gho_writes_token_123";
    private const string Sha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private static readonly RepositoryRef Repo = new("1296269", "octocat/Hello-World");
    private readonly CannedHttp _http = new();

    internal const string IssueCommentAnswer = """
        {"id":1,"node_id":"MDEyOklzc3VlQ29tbWVudDE=","url":"https://api.github.com/repos/octocat/Hello-World/issues/comments/1",
         "html_url":"https://github.com/octocat/Hello-World/issues/1347#issuecomment-1","body":"Me too",
         "created_at":"2011-04-14T16:00:49Z","updated_at":"2011-04-14T16:00:49Z",
         "issue_url":"https://api.github.com/repos/octocat/Hello-World/issues/1347","author_association":"COLLABORATOR"}
        """;

    private const string CommitCommentAnswer = """
        {"html_url":"https://github.com/octocat/Hello-World/commit/6dcb09b5b57875f334f61aebed695e2e4193db5e#commitcomment-1",
         "url":"https://api.github.com/repos/octocat/Hello-World/comments/1","id":1,"node_id":"MDEzOkNvbW1pdENvbW1lbnQx",
         "body":"Great stuff","path":null,"position":null,"line":null,"commit_id":"6dcb09b5b57875f334f61aebed695e2e4193db5e",
         "author_association":"COLLABORATOR","created_at":"2011-04-14T16:00:49Z","updated_at":"2011-04-14T16:00:49Z"}
        """;

    private const string StatusAnswer = """
        {"url":"https://api.github.com/repos/octocat/Hello-World/statuses/6dcb09b5b57875f334f61aebed695e2e4193db5e",
         "avatar_url":"https://github.com/images/error/hubot_happy.gif","id":1,"node_id":"MDY6U3RhdHVzMQ==","state":"success",
         "description":"Build has completed successfully","target_url":"https://ci.example.com/1000/output",
         "context":"continuous-integration/jenkins","created_at":"2012-07-20T01:19:13Z","updated_at":"2012-07-20T01:19:13Z"}
        """;

    private IProviderApi Client(string? baseUrl = null) =>
        ProviderCatalog.For(ProviderKind.GitHub).CreateApi(_http.Client(), new ProviderConnectionInfo(baseUrl is null ? null : new Uri(baseUrl), Token), new TestClock());

    [Theory]
    [InlineData(CommentTargetKind.PullRequest)]
    [InlineData(CommentTargetKind.Issue)]
    public async Task Pull_request_and_issue_comments_go_to_the_issue_comments(CommentTargetKind kind)
    {
        string url = "https://api.github.com/repos/octocat/Hello-World/issues/1347/comments";
        _http.On(HttpMethod.Post, url, HttpStatusCode.Created, IssueCommentAnswer);

        PostedComment posted = await Client().CreateCommentAsync(Repo, new CommentTarget(kind, 1347), "Me **too**", CancellationToken.None);

        Assert.Equal(new PostedComment("1", "https://github.com/octocat/Hello-World/issues/1347#issuecomment-1"), posted);
        RecordedRequest sent = WriteAssert.Sent(_http, HttpMethod.Post, url, """{"body":"Me **too**"}""");
        Assert.Equal($"Bearer {Token}", sent.Header("Authorization"));
        Assert.Equal("application/vnd.github+json", sent.Header("Accept"));
        Assert.Equal("2022-11-28", sent.Header("X-GitHub-Api-Version"));
    }

    [Fact]
    public async Task Commit_comments_go_to_the_commit()
    {
        string url = $"https://api.github.com/repos/octocat/Hello-World/commits/{Sha}/comments";
        _http.On(HttpMethod.Post, url, HttpStatusCode.Created, CommitCommentAnswer);

        PostedComment posted = await Client().CreateCommentAsync(Repo, new CommentTarget(CommentTargetKind.Commit, Sha: Sha), "Great stuff", CancellationToken.None);

        Assert.Equal(new PostedComment("1", $"https://github.com/octocat/Hello-World/commit/{Sha}#commitcomment-1"), posted);
        WriteAssert.Sent(_http, HttpMethod.Post, url, """{"body":"Great stuff"}""");
    }

    [Fact]
    public async Task An_Enterprise_Server_is_written_under_api_v3()
    {
        _http.On(HttpMethod.Post, "https://ghe.example.com/api/v3/repos/octocat/Hello-World/issues/5/comments", HttpStatusCode.Created, IssueCommentAnswer);
        await Client("https://ghe.example.com").CreateCommentAsync(Repo, new CommentTarget(CommentTargetKind.Issue, 5), "hi", CancellationToken.None);
        Assert.Single(_http.Requests);
    }

    [Theory]
    [InlineData(CommitState.Pending, "pending")]
    [InlineData(CommitState.Success, "success")]
    [InlineData(CommitState.Failure, "failure")]
    [InlineData(CommitState.Error, "error")]
    public async Task Sets_a_commit_status_in_GitHub_words(CommitState state, string sent)
    {
        string url = $"https://api.github.com/repos/octocat/Hello-World/statuses/{Sha}";
        _http.On(HttpMethod.Post, url, HttpStatusCode.Created, StatusAnswer);

        PostedStatus posted = await Client().SetCommitStatusAsync(Repo,
            new StatusSpec(Sha, state, "continuous-integration/jenkins", "Build has completed successfully", "https://ci.example.com/1000/output"), CancellationToken.None);

        Assert.Equal(new PostedStatus("1", "https://ci.example.com/1000/output"), posted);
        WriteAssert.Sent(_http, HttpMethod.Post, url, $$"""
            {"state":"{{sent}}","context":"continuous-integration/jenkins","description":"Build has completed successfully","target_url":"https://ci.example.com/1000/output"}
            """);
    }

    [Fact]
    public async Task A_long_description_is_cut_to_140_characters_and_absent_fields_are_not_sent()
    {
        string url = $"https://api.github.com/repos/octocat/Hello-World/statuses/{Sha}";
        _http.On(HttpMethod.Post, url, HttpStatusCode.Created, StatusAnswer);
        await Client().SetCommitStatusAsync(Repo, new StatusSpec(Sha, CommitState.Pending, "ci/x", new string('d', 300)), CancellationToken.None);

        var body = Assert.Single(_http.Requests).JsonBody().AsObject();
        string description = body["description"]!.GetValue<string>();
        Assert.Equal(140, description.Length);
        Assert.EndsWith("…", description, StringComparison.Ordinal);
        Assert.False(body.ContainsKey("target_url"));
    }
}
