using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.Tests.Api.Writes;

/// <summary>
/// Note answers are the documented examples (https://docs.gitlab.com/api/notes/#create-new-issue-note,
/// https://docs.gitlab.com/api/discussions/#create-a-commit-thread), trimmed of the author; the status answer has the
/// shape of the real commit-statuses fixture.
/// </summary>
public sealed class GitLabWritesTests
{
    private const string Base = "https://gitlab.example.com";
    private const string Api = Base + "/api/v4";
    private const string Token = "glpat-writes-123";
    private const string Sha = "18f3e63d05582537db6d183d9d557be09e1f90c8";
    private static readonly RepositoryRef Repo = new("5", "diaspora/diaspora-project-site");
    private readonly CannedHttp _http = new();

    private const string NoteAnswer = """
        {"id":302,"body":"closed","attachment":null,"created_at":"2013-10-02T09:22:45Z","updated_at":"2013-10-02T10:22:45Z",
         "system":false,"noteable_id":377,"noteable_type":"Issue","project_id":5,"noteable_iid":377,"resolvable":false,
         "confidential":false,"internal":false}
        """;

    private const string DiscussionAnswer = """
        {"id":"6a9c1750b37d513a43987b574953fceb50b03ce7","individual_note":false,
         "notes":[{"id":1126,"type":"DiscussionNote","body":"discussion text","attachment":null,
                   "created_at":"2018-03-03T21:54:39.668Z","updated_at":"2018-03-03T21:54:39.668Z","system":false,
                   "noteable_id":3,"noteable_type":"Commit","noteable_iid":null,"resolvable":false}]}
        """;

    private IProviderApi Client(string baseUrl = Base) =>
        ProviderCatalog.For(ProviderKind.GitLab).CreateApi(_http.Client(), new ProviderConnectionInfo(new Uri(baseUrl), Token), new TestClock());

    [Theory]
    [InlineData(CommentTargetKind.PullRequest, "merge_requests")]
    [InlineData(CommentTargetKind.Issue, "issues")]
    public async Task Merge_request_and_issue_comments_are_notes_with_a_page_link(CommentTargetKind kind, string collection)
    {
        string url = $"{Api}/projects/5/{collection}/377/notes";
        _http.On(HttpMethod.Post, url, HttpStatusCode.Created, NoteAnswer);

        PostedComment posted = await Client().CreateCommentAsync(Repo, new CommentTarget(kind, 377), "closed", CancellationToken.None);

        Assert.Equal(new PostedComment("302", $"{Base}/diaspora/diaspora-project-site/-/{collection}/377#note_302"), posted);
        RecordedRequest sent = WriteAssert.Sent(_http, HttpMethod.Post, url, """{"body":"closed"}""");
        Assert.Equal($"Bearer {Token}", sent.Header("Authorization"));
    }

    [Fact]
    public async Task A_commit_comment_is_a_commit_discussion_whose_first_note_is_ours()
    {
        string url = $"{Api}/projects/5/repository/commits/{Sha}/discussions";
        _http.On(HttpMethod.Post, url, HttpStatusCode.Created, DiscussionAnswer);

        PostedComment posted = await Client().CreateCommentAsync(Repo, new CommentTarget(CommentTargetKind.Commit, Sha: Sha), "discussion text", CancellationToken.None);

        Assert.Equal(new PostedComment("1126", $"{Base}/diaspora/diaspora-project-site/-/commit/{Sha}#note_1126"), posted);
        WriteAssert.Sent(_http, HttpMethod.Post, url, """{"body":"discussion text"}""");
    }

    [Fact]
    public async Task An_instance_under_a_relative_root_keeps_it_in_calls_and_links()
    {
        _http.On(HttpMethod.Post, "https://example.com/gitlab/api/v4/projects/5/issues/1/notes", HttpStatusCode.Created, NoteAnswer);
        PostedComment posted = await Client("https://example.com/gitlab").CreateCommentAsync(Repo, new CommentTarget(CommentTargetKind.Issue, 1), "x", CancellationToken.None);
        Assert.Equal("https://example.com/gitlab/diaspora/diaspora-project-site/-/issues/1#note_302", posted.WebUrl);
    }

    [Theory]
    [InlineData(CommitState.Pending, "pending")]
    [InlineData(CommitState.Success, "success")]
    [InlineData(CommitState.Failure, "failed")]
    [InlineData(CommitState.Error, "failed")]
    public async Task Sets_a_commit_status_named_after_the_context(CommitState state, string sent)
    {
        string url = $"{Api}/projects/5/statuses/{Sha}";
        JsonNode answer = ApiFixtures.Json("gitlab/api/commit-statuses.list.response.drone-go-scm.json")[0]!;
        _http.On(HttpMethod.Post, url, HttpStatusCode.Created, answer.ToJsonString());

        PostedStatus posted = await Client().SetCommitStatusAsync(Repo,
            new StatusSpec(Sha, state, "default", "the dude abides", "https://gitlab.example.com/thedude/gitlab-ce/builds/91"), CancellationToken.None);

        Assert.Equal(new PostedStatus("91", "https://gitlab.example.com/thedude/gitlab-ce/builds/91"), posted);
        WriteAssert.Sent(_http, HttpMethod.Post, url, $$"""
            {"state":"{{sent}}","name":"default","description":"the dude abides","target_url":"https://gitlab.example.com/thedude/gitlab-ce/builds/91"}
            """);
    }

    [Fact]
    public async Task A_discussion_answer_without_notes_is_a_bad_response()
    {
        _http.On(HttpMethod.Post, $"{Api}/projects/5/repository/commits/{Sha}/discussions", HttpStatusCode.Created, """{"id":"abc","notes":[]}""");
        ProviderApiException ex = await Assert.ThrowsAsync<ProviderApiException>(() =>
            Client().CreateCommentAsync(Repo, new CommentTarget(CommentTargetKind.Commit, Sha: Sha), "x", CancellationToken.None));
        Assert.Equal(ProviderApiErrorKind.BadResponse, ex.Kind);
    }
}
