using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using static IntegrationHub.Providers.Events.EventKind;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>
/// A pull request opened with a description that mentions someone, and a comment on it: the Bitbucket polls build the
/// same events as the webhooks for the same occurrence (the poll reads the REST items, the hooks carry the same objects),
/// on everything both see: kind, key, actor, details, mentions and page.
/// </summary>
public sealed class BitbucketWebhookPollParityTests
{
    private const string CloudPull = """
        {"id":7,"title":"Add a cache","description":"Needs a look from @{557058:c0ffee} and @bob","state":"OPEN",
         "created_on":"2025-06-01T10:00:00.123456+00:00","updated_on":"2025-06-01T10:05:00.5+00:00",
         "author":{"nickname":"alice","display_name":"Alice"},"source":{"branch":{"name":"feature/cache"},"commit":{"hash":"d3022fc0ca3d"}},
         "destination":{"branch":{"name":"main"},"repository":{"uuid":"{r-1}","full_name":"w/r","links":{"html":{"href":"https://bitbucket.org/w/r"}}}},
         "links":{"html":{"href":"https://bitbucket.org/w/r/pull-requests/7"}}}
        """;

    private const string CloudComment = """
        {"id":901,"created_on":"2025-06-01T10:04:00.25+00:00","content":{"raw":"Looks right, @carol can you confirm?"},
         "user":{"nickname":"dave","display_name":"Dave"},"links":{"html":{"href":"https://bitbucket.org/w/r/pull-requests/7/_/diff#comment-901"}}}
        """;

    private const string DcPull = """
        {"id":7,"title":"Add a cache","description":"Needs a look from @bob","state":"OPEN","createdDate":1748772000123,"updatedDate":1748772300500,
         "author":{"user":{"name":"alice","displayName":"Alice"}},"fromRef":{"id":"refs/heads/feature/cache","latestCommit":"f1e2d3c4"},
         "toRef":{"id":"refs/heads/main","repository":{"id":3,"slug":"r","project":{"key":"P"},"links":{"self":[{"href":"https://bitbucket.example.com/projects/P/repos/r/browse"}]}}},
         "links":{"self":[{"href":"https://bitbucket.example.com/projects/P/repos/r/pull-requests/7"}]}}
        """;

    private const string DcComment = """
        {"id":77,"text":"Looks right, @carol can you confirm?","createdDate":1748772240444,"author":{"name":"dave","displayName":"Dave"}}
        """;

    [Fact]
    public async Task Bitbucket_Cloud_poll_builds_the_webhooks_events_for_an_opening_with_mentions_and_a_comment()
    {
        IReadOnlyList<NormalizedEvent> polled = await new PollStub(ProviderKind.BitbucketCloud)
            .On("/pullrequests", $$"""{"values":[{{CloudPull}}]}""")
            .On("/pullrequests/7/comments", $$"""{"values":[{{CloudComment}}]}""")
            .PollAsync(new RepositoryRef("{r-1}", "w/r"));
        const string Repo = """ "repository":{"uuid":"{r-1}","full_name":"w/r","links":{"html":{"href":"https://bitbucket.org/w/r"}}} """;

        NormalizedEvent opened = Hook(ProviderKind.BitbucketCloud, "pullrequest:created",
            $$"""{ {{Repo}}, "actor":{"nickname":"alice","display_name":"Alice"}, "pullrequest":{{CloudPull}} }""");
        NormalizedEvent comment = Hook(ProviderKind.BitbucketCloud, "pullrequest:comment_created",
            $$"""{ {{Repo}}, "actor":{"nickname":"dave","display_name":"Dave"}, "pullrequest":{{CloudPull}}, "comment":{{CloudComment}} }""");

        Assert.Equal(["557058:c0ffee", "bob"], opened.Mentions);
        Assert.Equal(["carol"], comment.Mentions);
        Assert.Equal([Seen(opened), Seen(comment)], polled.Where(e => e.Kind is PullRequestOpened or CommentCreatedOnPullRequest).Select(Seen));
        // The REST pull request names its repository's page (destination.repository), as the hook's pull request does.
        Assert.All(polled.Where(e => e.Kind is PullRequestOpened or CommentCreatedOnPullRequest),
            e => Assert.Equal("https://bitbucket.org/w/r", e.Repository.HtmlUrl));
    }

    [Fact]
    public async Task Bitbucket_Data_Center_poll_builds_the_webhooks_events_for_an_opening_with_mentions_and_a_comment()
    {
        IReadOnlyList<NormalizedEvent> polled = await new PollStub(ProviderKind.BitbucketDataCenter)
            .On("/pull-requests", $$"""{"values":[{{DcPull}}],"isLastPage":true}""")
            .On("/pull-requests/7/activities", $$"""
                {"values":[{"id":8,"action":"COMMENTED","commentAction":"ADDED","createdDate":1748772240500,"user":{"name":"dave","displayName":"Dave"},
                  "comment":{{DcComment}} }],"isLastPage":true}
                """)
            .PollAsync(new RepositoryRef("3", "P/r"));

        NormalizedEvent opened = Hook(ProviderKind.BitbucketDataCenter, null,
            $$"""{ "eventKey":"pr:opened","date":"2025-06-01T10:00:00+0000","actor":{"name":"alice","displayName":"Alice"},"pullRequest":{{DcPull}} }""");
        NormalizedEvent comment = Hook(ProviderKind.BitbucketDataCenter, null,
            $$"""{ "eventKey":"pr:comment:added","date":"2025-06-01T10:04:00+0000","actor":{"name":"dave","displayName":"Dave"},"pullRequest":{{DcPull}},"comment":{{DcComment}} }""");

        Assert.Equal(["bob"], opened.Mentions);
        Assert.Equal(["carol"], comment.Mentions);
        Assert.Equal([Seen(opened), Seen(comment)], polled.Where(e => e.Kind is PullRequestOpened or CommentCreatedOnPullRequest).Select(Seen));
    }

    private static NormalizedEvent Hook(ProviderKind provider, string? eventName, string body) =>
        Assert.Single(PayloadEdgeCaseTests.Normalize(provider, eventName, body).Events);

    /// <summary>What the webhook and the poll both know of an event (the repository's page only where the REST item names it; never the hook's date).</summary>
    private static SeenEvent Seen(NormalizedEvent e) =>
        new(e.Kind, e.NaturalKey, e.Actor?.Login, e.Actor?.DisplayName, e.Details, string.Join(' ', e.Mentions), e.HtmlUrl, e.Repository.ExternalId, e.Repository.FullPath);

    private sealed record SeenEvent(EventKind Kind, string Key, string? Login, string? DisplayName, EventDetails Details, string Mentions, string? HtmlUrl,
        string RepoId, string RepoPath);
}
