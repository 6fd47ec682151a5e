using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Events.EventKind;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>
/// The same occurrence seen by the webhook and by the poll gets the same natural key, per provider, even when the
/// resource changed again after it (a comment after a close moves <c>updated_at</c>, not the close's key) and when the
/// hook prints whole seconds where the API prints fractions.
/// </summary>
public sealed class WebhookPollKeyTests
{
    private const string Old = "2025-05-01T00:00:00Z";

    [Fact]
    public async Task GitHub_closed_pull_request_and_issue_have_one_key_via_webhook_and_poll()
    {
        IReadOnlyList<NormalizedEvent> polled = await new PollStub(ProviderKind.GitHub)
            .On("/pulls", $$"""[{"number":5,"state":"closed","created_at":"{{Old}}","updated_at":"2025-06-01T11:50:00Z","closed_at":"2025-06-01T11:30:00Z","merged_at":null,"user":{"login":"a"},"head":{"sha":"h5"} }]""")
            .On("/issues", $$"""[{"number":6,"state":"closed","created_at":"{{Old}}","updated_at":"2025-06-01T11:55:00Z","closed_at":"2025-06-01T11:31:00Z","user":{"login":"a"} }]""")
            .PollAsync(new RepositoryRef("42", "o/r"));
        const string Repo = """ "repository":{"id":42,"full_name":"o/r"},"sender":{"login":"a"} """;

        string pr = Webhook(ProviderKind.GitHub, "pull_request", $$"""{ {{Repo}}, "action":"closed","pull_request":{"number":5,"merged":false,"closed_at":"2025-06-01T11:30:00Z","updated_at":"2025-06-01T11:30:00Z"} }""");
        string issue = Webhook(ProviderKind.GitHub, "issues", $$"""{ {{Repo}}, "action":"closed","issue":{"number":6,"closed_at":"2025-06-01T11:31:00Z","updated_at":"2025-06-01T11:31:00Z"} }""");

        Assert.Equal(pr, Assert.Single(polled, e => e.Kind == PullRequestClosed).NaturalKey);
        Assert.Equal(issue, Assert.Single(polled, e => e.Kind == IssueClosed).NaturalKey);
    }

    [Fact]
    public async Task GitHub_branch_re_created_between_looks_has_the_push_hooks_key()
    {
        IReadOnlyList<NormalizedEvent> polled = await new PollStub(ProviderKind.GitHub)
            .On("/branches", """[{"name":"main","commit":{"sha":"m1"}},{"name":"topic","commit":{"sha":"t2"}}]""")
            .PollAsync(new RepositoryRef("42", "o/r"), new() { [PollStreams.Branches] = new("""{"main":"m1"}""", null) });

        string hook = Webhook(ProviderKind.GitHub, "push", """
            { "repository":{"id":42,"full_name":"o/r"}, "ref":"refs/heads/topic","before":"0000000000000000000000000000000000000000","after":"t2" }
            """, BranchCreated);

        Assert.Equal(hook, Assert.Single(polled, e => e.Kind == BranchCreated).NaturalKey);
    }

    [Fact]
    public async Task GitLab_closed_merge_request_and_issue_have_one_key_via_hook_list_and_events()
    {
        IReadOnlyList<NormalizedEvent> polled = await new PollStub(ProviderKind.GitLab)
            .On("/merge_requests", $$"""[{"iid":7,"state":"closed","created_at":"{{Old}}","updated_at":"2025-06-01T11:50:00.789Z","closed_at":"2025-06-01T11:30:00.123Z","sha":"h7","source_branch":"f","author":{"username":"a"} }]""")
            .On("/events", """
                [{"id":100,"action_name":"closed","target_type":"MergeRequest","target_iid":7,"created_at":"2025-06-01T11:30:00.456Z","author_username":"a"},
                 {"id":101,"action_name":"closed","target_type":"Issue","target_iid":8,"created_at":"2025-06-01T11:31:00.200Z","author_username":"a"}]
                """)
            .PollAsync(new RepositoryRef("9", "g/r"));
        const string Project = """ "project":{"id":9,"path_with_namespace":"g/r"},"user":{"username":"a"} """;

        // GitLab's hooks print whole seconds in their own format.
        string mr = Webhook(ProviderKind.GitLab, null, $$"""{ {{Project}}, "object_kind":"merge_request","object_attributes":{"iid":7,"action":"close","updated_at":"2025-06-01 11:30:00 UTC"} }""");
        string issue = Webhook(ProviderKind.GitLab, null, $$"""{ {{Project}}, "object_kind":"issue","object_attributes":{"iid":8,"action":"close","closed_at":"2025-06-01 11:31:00 UTC","updated_at":"2025-06-01 11:31:00 UTC"} }""");

        // The list (closed_at) and the events API (the event's time) both report the close: one key, so one event.
        Assert.Equal(mr, Assert.Single(polled, e => e.Kind == PullRequestClosed).NaturalKey);
        Assert.Equal(issue, Assert.Single(polled, e => e.Kind == IssueClosed).NaturalKey);
    }

    [Fact]
    public async Task Bitbucket_Cloud_declined_pull_request_has_one_key_via_webhook_and_poll()
    {
        IReadOnlyList<NormalizedEvent> polled = await new PollStub(ProviderKind.BitbucketCloud)
            .On("/pullrequests", $$"""{"values":[{"id":3,"state":"DECLINED","created_on":"{{Old}}","updated_on":"2025-06-01T11:50:00.123456+00:00","source":{"commit":{"hash":"s3"},"branch":{"name":"f"} } }]}""")
            .PollAsync(new RepositoryRef("{r-1}", "w/r"));

        string hook = Webhook(ProviderKind.BitbucketCloud, "pullrequest:rejected", """
            { "repository":{"uuid":"{r-1}","full_name":"w/r"}, "pullrequest":{"id":3,"state":"DECLINED","updated_on":"2025-06-01T11:30:00.000001+00:00"} }
            """);

        Assert.Equal(hook, Assert.Single(polled, e => e.Kind == PullRequestClosed).NaturalKey);
    }

    [Fact]
    public async Task Bitbucket_Data_Center_declined_pull_request_has_one_key_via_webhook_and_poll()
    {
        const string Pr = """
            "id":4,"state":"DECLINED","createdDate":1746057600000,"updatedDate":1748778600000,"closedDate":1748777400123,
            "fromRef":{"id":"refs/heads/f","latestCommit":"s4"},"toRef":{"repository":{"id":3,"slug":"r","project":{"key":"P"}}}
            """;
        IReadOnlyList<NormalizedEvent> polled = await new PollStub(ProviderKind.BitbucketDataCenter)
            .On("/pull-requests", $$"""{"values":[{ {{Pr}} }],"isLastPage":true}""")
            .PollAsync(new RepositoryRef("3", "P/r"));

        string hook = Webhook(ProviderKind.BitbucketDataCenter, "pr:declined", $$"""{ "eventKey":"pr:declined","pullRequest":{ {{Pr.Replace("1748778600000", "1748777400123", StringComparison.Ordinal)}} } }""");

        Assert.Equal(hook, Assert.Single(polled, e => e.Kind == PullRequestClosed).NaturalKey);
    }

    [Fact]
    public async Task Azure_DevOps_abandoned_pull_request_has_one_key_via_webhook_and_poll()
    {
        const string Pr = """
            "pullRequestId":5,"status":"abandoned","creationDate":"2025-05-01T00:00:00Z","closedDate":"2025-06-01T11:30:00.1234567Z",
            "sourceRefName":"refs/heads/f","repository":{"id":"r-1","name":"r","project":{"name":"p"}}
            """;
        IReadOnlyList<NormalizedEvent> polled = await new PollStub(ProviderKind.AzureDevOps)
            .On("/pullrequests", $$"""{"count":1,"value":[{ {{Pr}} }]}""")
            .PollAsync(new RepositoryRef("r-1", "p/r", "p-1"));

        string hook = Webhook(ProviderKind.AzureDevOps, null, $$"""{ "eventType":"git.pullrequest.updated","resource":{ {{Pr}} } }""");

        Assert.Equal(hook, Assert.Single(polled, e => e.Kind == PullRequestClosed).NaturalKey);
    }

    private static string Webhook(ProviderKind provider, string? eventName, string body, EventKind? kind = null)
    {
        NormalizationResult result = PayloadEdgeCaseTests.Normalize(provider, eventName, body);
        return (kind is { } k ? Assert.Single(result.Events, e => e.Kind == k) : Assert.Single(result.Events)).NaturalKey;
    }
}
