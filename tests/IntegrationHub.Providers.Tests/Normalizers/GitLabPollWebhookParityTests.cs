using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using static IntegrationHub.Providers.Events.EventKind;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>
/// The poll builds GitLab's events with the hook normalizers' builders, so a merge request opened with a mention and a
/// comment on it read by the poll are the hook's events: same kind, key, actor, details, mentions and page.
/// </summary>
public sealed class GitLabPollWebhookParityTests
{
    private const string Project = """ "project":{"id":9,"path_with_namespace":"g/r","web_url":"https://gl.example.com/g/r"} """;
    private const string MergeRequestPage = "https://gl.example.com/g/r/-/merge_requests/7";

    [Fact]
    public async Task Polled_merge_request_opening_and_comment_equal_the_hooks_events()
    {
        IReadOnlyList<NormalizedEvent> polled = await new PollStub(ProviderKind.GitLab)
            .On("/merge_requests", $$"""
                [{"iid":7,"state":"opened","title":"Faster cache","description":"Please review @bob","created_at":"2025-06-01T10:00:00.250Z",
                  "updated_at":"2025-06-01T10:05:00Z","sha":"h7","source_branch":"cache","web_url":"{{MergeRequestPage}}","author":{"username":"amy","name":"Amy"} }]
                """)
            .On("/events", """
                [{"id":300,"action_name":"commented on","target_type":"Note","target_title":"Faster cache","created_at":"2025-06-01T10:05:00Z",
                  "author_username":"cal","author":{"username":"cal","name":"Cal"},
                  "note":{"id":555,"body":"Looks good, @dan?","noteable_type":"MergeRequest","noteable_iid":7,"created_at":"2025-06-01T10:05:00Z"} }]
                """)
            .PollAsync(new RepositoryRef("9", "g/r"));

        NormalizedEvent opened = Hook($$"""
            { "object_kind":"merge_request", {{Project}}, "user":{"username":"amy","name":"Amy"},
              "object_attributes":{"iid":7,"action":"open","title":"Faster cache","description":"Please review @bob","created_at":"2025-06-01 10:00:00 UTC",
                "updated_at":"2025-06-01 10:00:00 UTC","source_branch":"cache","url":"{{MergeRequestPage}}","last_commit":{"id":"h7"} } }
            """);
        NormalizedEvent comment = Hook($$"""
            { "object_kind":"note", {{Project}}, "user":{"username":"cal","name":"Cal"},
              "object_attributes":{"id":555,"note":"Looks good, @dan?","noteable_type":"MergeRequest","created_at":"2025-06-01 10:05:00 UTC",
                "url":"{{MergeRequestPage}}#note_555"},
              "merge_request":{"iid":7,"title":"Faster cache","last_commit":{"id":"h7"} } }
            """);

        NormalizedEvent polledOpen = Assert.Single(polled, e => e.Kind == PullRequestOpened);
        Assert.Equal(Facts(opened), Facts(polledOpen));
        Assert.Equal(opened.HtmlUrl, polledOpen.HtmlUrl);
        Assert.Equal(["bob"], polledOpen.Mentions);

        // The events API names the note's merge request but not its head or the note's page: those the poll leaves empty.
        NormalizedEvent polledComment = Assert.Single(polled, e => e.Kind == CommentCreatedOnPullRequest);
        Assert.Equal(Facts(comment with { HtmlUrl = null, Details = comment.Details with { HeadSha = null } }), Facts(polledComment));
        Assert.Null(polledComment.HtmlUrl);
        Assert.Equal(["dan"], polledComment.Mentions);
    }

    private static NormalizedEvent Hook(string body) =>
        Assert.Single(PayloadEdgeCaseTests.Normalize(ProviderKind.GitLab, null, body).Events);

    private static (EventKind, string, string?, EventDetails, string) Facts(NormalizedEvent e) =>
        (e.Kind, e.NaturalKey, e.Actor?.Login, e.Details, string.Join(',', e.Mentions));
}
