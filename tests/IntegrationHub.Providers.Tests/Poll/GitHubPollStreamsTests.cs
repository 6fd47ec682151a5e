using System.Net;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using IntegrationHub.Providers.Tests.Api;

namespace IntegrationHub.Providers.Tests.Poll;

/// <summary>The GitHub streams that stand in for the lagging events feed: pull request heads, review and commit comments, tags, and runs past one page.</summary>
public sealed class GitHubPollStreamsTests
{
    private const string Root = GitHubQuiet.Root;
    private static readonly string Old = new('a', 40), New = new('b', 40);

    [Fact]
    public async Task Pull_request_whose_head_moved_since_the_last_look_is_updated_with_the_webhook_key()
    {
        CannedHttp http = GitHubQuiet.Http(except: "/pulls");
        http.On(HttpMethod.Get, Root + "/pulls", HttpStatusCode.OK, $$$"""
            [{"id":3,"number":3,"state":"open","title":"t","user":{"login":"u"},"created_at":"2025-05-01T00:00:00Z","updated_at":"2025-06-01T11:30:00Z","head":{"ref":"f","sha":"{{{New}}}"}},
             {"id":4,"number":4,"state":"open","title":"t","user":{"login":"u"},"created_at":"2025-05-01T00:00:00Z","updated_at":"2025-06-01T11:20:00Z","head":{"ref":"g","sha":"{{{Old}}}"}}]
            """);
        var cursors = GitHubQuiet.Cursors(Old);
        cursors[PollStreams.PullHeads] = new($$$"""{"3":"{{{Old}}}","4":"{{{Old}}}"}""", null);

        PollReadResult result = await ReadAsync(http, cursors);

        NormalizedEvent update = Assert.Single(result.Events);
        Assert.Equal(EventKind.PullRequestUpdated, update.Kind);
        Assert.Equal(NaturalKeys.PullRequestUpdated("7", 3, New), update.NaturalKey);
        Assert.Contains(New, result.Cursors[PollStreams.PullHeads].Cursor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_and_commit_comments_are_found_without_the_feed()
    {
        CannedHttp http = GitHubQuiet.Http("/pulls/comments", "/comments");
        http.On(HttpMethod.Get, Root + "/pulls/comments", HttpStatusCode.OK, """
            [{"id":90,"body":"nit","commit_id":"c","path":"a.cs","user":{"login":"u"},"created_at":"2025-06-01T11:40:00Z","updated_at":"2025-06-01T11:40:00Z","pull_request_url":"https://ghe.example.com/api/v3/repos/acme/svc/pulls/3"}]
            """);
        http.On(HttpMethod.Get, Root + "/comments", HttpStatusCode.OK, """
            [{"id":3,"body":"seen","commit_id":"c","user":{"login":"u"},"created_at":"2025-06-01T10:00:00Z"},
             {"id":8,"body":"new","commit_id":"c","user":{"login":"u"},"created_at":"2025-06-01T11:45:00Z"}]
            """, ("ETag", "W/\"cc2\""));

        PollReadResult result = await ReadAsync(http, GitHubQuiet.Cursors(Old));

        Assert.Null(result.Failure);
        Assert.Equal([(EventKind.CommentCreatedOnPullRequest, "7:comment:90"), (EventKind.CommentCreatedOnCommit, "7:comment:8")],
            result.Events.Select(e => (e.Kind, e.NaturalKey)).ToArray());
        Assert.Equal(new PollStreamCursor("8|1", "W/\"cc2\""), result.Cursors[PollStreams.CommitComments]);
        Assert.Equal("2025-06-01T11:40:00.000Z", result.Cursors[PollStreams.ReviewComments].Cursor);
    }

    [Fact]
    public async Task New_and_vanished_tags_are_created_and_deleted_with_the_push_webhook_keys()
    {
        CannedHttp http = GitHubQuiet.Http(except: "/tags");
        http.On(HttpMethod.Get, Root + "/tags", HttpStatusCode.OK, $$$"""[{"name":"v2","commit":{"sha":"{{{New}}}"}}]""");
        var cursors = GitHubQuiet.Cursors(Old);
        cursors[PollStreams.Tags] = new($$$"""{"v1":"{{{Old}}}"}""", "W/\"tags\"");

        PollReadResult result = await ReadAsync(http, cursors);

        Assert.Equal([NaturalKeys.TagCreated("7", "v2", New), NaturalKeys.TagDeleted("7", "v1", Old)], result.Events.Select(e => e.NaturalKey).ToArray());
    }

    [Fact]
    public async Task Workflow_runs_past_the_first_page_are_read()
    {
        const string First = Root + "/actions/runs?status=completed&per_page=50";
        CannedHttp http = GitHubQuiet.Http(except: "/actions/runs");
        http.On(HttpMethod.Get, First, HttpStatusCode.OK, Runs(2, "2025-06-01T11:50:00Z"), ("Link", $"<{First}&page=2>; rel=\"next\""));
        http.On(HttpMethod.Get, First + "&page=2", HttpStatusCode.OK, Runs(1, "2025-06-01T11:30:00Z"), ("Link", $"<{First}&page=3>; rel=\"next\""));
        http.On(HttpMethod.Get, First + "&page=3", HttpStatusCode.OK, Runs(0, "2025-06-01T10:00:00Z"));

        PollReadResult result = await ReadAsync(http, GitHubQuiet.Cursors(Old));

        Assert.Equal(["7:pipeline:2:completed", "7:pipeline:1:completed"], result.Events.Select(e => e.NaturalKey).ToArray());
        Assert.Equal("2025-06-01T11:50:00.000Z", result.Cursors[PollStreams.Runs].Cursor);
    }

    private static string Runs(long id, string updated) => $$$"""
        {"total_count":3,"workflow_runs":[{"id":{{{id}}},"name":"CI","head_branch":"main","head_sha":"{{{New}}}","status":"completed","conclusion":"success","run_number":{{{id}}},"html_url":"https://ghe.example.com/acme/svc/actions/runs/{{{id}}}","created_at":"{{{updated}}}","updated_at":"{{{updated}}}","actor":{"login":"u"}}]}
        """;

    private static Task<PollReadResult> ReadAsync(CannedHttp http, Dictionary<string, PollStreamCursor> cursors) =>
        ProviderCatalog.For(ProviderKind.GitHub).CreatePollReader(http.Client(), new ProviderConnectionInfo(new Uri("https://ghe.example.com"), "t0ken"), new TestClock())
            .ReadAsync(new PollReadRequest(new RepositoryRef("7", "acme/svc"), cursors, TestClock.Start.AddDays(-1)), CancellationToken.None);
}
