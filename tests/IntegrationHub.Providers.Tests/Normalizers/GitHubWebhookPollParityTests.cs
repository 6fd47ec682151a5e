using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using static IntegrationHub.Providers.Events.EventKind;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>
/// The poll builds GitHub's events from REST items with the builders the webhook normalizer calls, so one occurrence
/// seen both ways is one event: the same kind, key, actor, time, details (as far as the REST item tells them), mentions
/// and page. The pull request and comments below are printed once and put in the REST lists and in the hook bodies.
/// </summary>
public sealed class GitHubWebhookPollParityTests
{
    private const string Repo = """ "repository":{"id":42,"full_name":"o/r"} """;

    private const string Pull = """
        "number":7,"state":"open","title":"Faster @cache","body":"Fixes the cold start.\n\ncc @alice, see `@not-me`",
        "html_url":"https://github.com/o/r/pull/7","created_at":"2025-06-01T10:00:00Z","updated_at":"2025-06-01T11:40:00Z",
        "user":{"login":"bob"},"head":{"ref":"fast","sha":"1111111111111111111111111111111111111111"},
        "base":{"ref":"main","repo":{"id":42,"full_name":"o/r","html_url":"https://github.com/o/r"}}
        """;

    private const string Conversation = """
        "id":501,"body":"@carol could you look?","user":{"login":"dave"},"created_at":"2025-06-01T11:10:00Z","updated_at":"2025-06-01T11:10:00Z",
        "html_url":"https://github.com/o/r/pull/7#issuecomment-501","issue_url":"https://api.github.com/repos/o/r/issues/7"
        """;

    private const string Review = """
        "id":601,"body":"nit: @erin wrote this","user":{"login":"frank"},"created_at":"2025-06-01T11:20:00Z","updated_at":"2025-06-01T11:20:00Z",
        "commit_id":"1111111111111111111111111111111111111111","path":"a.cs",
        "html_url":"https://github.com/o/r/pull/7#discussion_r601","pull_request_url":"https://api.github.com/repos/o/r/pulls/7"
        """;

    [Fact]
    public async Task Polled_pull_request_opening_and_its_comments_equal_the_webhooks_events()
    {
        IReadOnlyList<NormalizedEvent> polled = await new PollStub(ProviderKind.GitHub)
            .On("/pulls", $$"""[{ {{Pull}} }]""")
            .On("/issues/comments", $$"""[{ {{Conversation}} }]""")
            .On("/pulls/comments", $$"""[{ {{Review}} }]""")
            .PollAsync(new RepositoryRef("42", "o/r"));

        NormalizedEvent opened = Hook("pull_request", $$"""{ {{Repo}}, "action":"opened","number":7,"sender":{"login":"bob"},"pull_request":{ {{Pull}} } }""");
        NormalizedEvent conversation = Hook("issue_comment", $$"""
            { {{Repo}}, "action":"created","sender":{"login":"dave"},"issue":{"number":7,"pull_request":{ } },"comment":{ {{Conversation}} } }
            """);
        NormalizedEvent review = Hook("pull_request_review_comment", $$"""
            { {{Repo}}, "action":"created","sender":{"login":"frank"},"pull_request":{"number":7},"comment":{ {{Review}} } }
            """);

        Assert.Equal([PullRequestOpened, CommentCreatedOnPullRequest, CommentCreatedOnPullRequest], polled.Select(e => e.Kind));
        Assert.Equal(["cache", "alice"], opened.Mentions);
        Assert.Equal(new[] { opened, conversation, review }.Select(Facts), polled.Select(Facts));
    }

    /// <summary>What both sides know; the hooks' comment deliveries name the pull request by number only, as the comment lists do.</summary>
    private static object Facts(NormalizedEvent e) => (e.Kind, e.NaturalKey, e.Actor?.Login, e.OccurredAt, e.HtmlUrl, string.Join(",", e.Mentions),
        e.Details.Number, e.Details.Title, e.Details.HeadSha, e.Details.Ref, e.Details.CommitSha, e.Details.CommentId, e.Details.CommentExcerpt);

    private static NormalizedEvent Hook(string eventName, string body) =>
        Assert.Single(PayloadEdgeCaseTests.Normalize(ProviderKind.GitHub, eventName, body).Events);
}
