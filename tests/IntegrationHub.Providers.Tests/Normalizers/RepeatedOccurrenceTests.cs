using IntegrationHub.Providers.Events;
using static IntegrationHub.Providers.Events.EventKind;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>
/// Things that really happen more than once must get a natural key per occurrence: the event store keeps only the first
/// row of a key, so a shared key would drop every later occurrence for good.
/// </summary>
public sealed class RepeatedOccurrenceTests
{
    private const string Zero = "0000000000000000000000000000000000000000";

    public static TheoryData<ProviderKind> Providers => [.. Enum.GetValues<ProviderKind>()];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Branch_deleted_and_created_again_yields_two_creations(ProviderKind provider)
    {
        string[] keys =
        [
            .. Keys(provider, RefChange(provider, "refs/heads/topic", Zero, "a1"), BranchCreated),
            .. Keys(provider, RefChange(provider, "refs/heads/topic", "a1", Zero), BranchDeleted),
            .. Keys(provider, RefChange(provider, "refs/heads/topic", Zero, "b2"), BranchCreated),
        ];

        Assert.Equal(3, keys.Length);
        Assert.Equal(3, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.EndsWith("branch-created:topic:a1", keys[0], StringComparison.Ordinal);
        Assert.EndsWith("branch-created:topic:b2", keys[2], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Tag_deleted_and_pushed_again_at_another_commit_yields_two_creations(ProviderKind provider)
    {
        string[] created =
        [
            .. Keys(provider, RefChange(provider, "refs/tags/v1", Zero, "a1"), TagCreated),
            .. Keys(provider, RefChange(provider, "refs/tags/v1", Zero, "b2"), TagCreated),
        ];
        string[] deleted =
        [
            .. Keys(provider, RefChange(provider, "refs/tags/v1", "a1", Zero), TagDeleted),
            .. Keys(provider, RefChange(provider, "refs/tags/v1", "b2", Zero), TagDeleted),
        ];

        Assert.Equal(2, created.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(2, deleted.Distinct(StringComparer.Ordinal).Count());
    }

    public static TheoryData<ProviderKind, string?, string, string, string> PullRequestLifecycles => new()
    {
        // provider, event name, opened body, closed body (first {0} is the closing time), reopened body ({0} its time)
        {
            ProviderKind.GitHub, "pull_request",
            """ "action":"opened","pull_request":{"number":2,"created_at":"2024-01-01T00:00:00Z"} """,
            """ "action":"closed","pull_request":{"number":2,"merged":false,"closed_at":"{0}","updated_at":"{0}"} """,
            """ "action":"reopened","pull_request":{"number":2,"closed_at":null,"updated_at":"{0}"} """
        },
        {
            ProviderKind.GitHub, "issues",
            """ "action":"opened","issue":{"number":2,"created_at":"2024-01-01T00:00:00Z"} """,
            """ "action":"closed","issue":{"number":2,"closed_at":"{0}","updated_at":"{0}"} """,
            """ "action":"reopened","issue":{"number":2,"closed_at":null,"updated_at":"{0}"} """
        },
        {
            ProviderKind.GitLab, null,
            """ "object_kind":"merge_request","object_attributes":{"iid":2,"action":"open","created_at":"2024-01-01 00:00:00 UTC"} """,
            """ "object_kind":"merge_request","object_attributes":{"iid":2,"action":"close","updated_at":"{0}"} """,
            """ "object_kind":"merge_request","object_attributes":{"iid":2,"action":"reopen","updated_at":"{0}"} """
        },
        {
            ProviderKind.GitLab, null,
            """ "object_kind":"issue","object_attributes":{"iid":2,"action":"open","created_at":"2024-01-01 00:00:00 UTC"} """,
            """ "object_kind":"issue","object_attributes":{"iid":2,"action":"close","closed_at":"{0}","updated_at":"{0}"} """,
            """ "object_kind":"issue","object_attributes":{"iid":2,"action":"reopen","updated_at":"{0}"} """
        },
        {
            ProviderKind.BitbucketDataCenter, null,
            """ "eventKey":"pr:opened","pullRequest":{"id":2,"createdDate":1704067200000,"toRef":{"repository":{"id":3,"slug":"r","project":{"key":"P"}}}} """,
            """ "eventKey":"pr:declined","pullRequest":{"id":2,"closedDate":{0},"updatedDate":{0},"toRef":{"repository":{"id":3,"slug":"r","project":{"key":"P"}}}} """,
            """ "eventKey":"pr:reopened","pullRequest":{"id":2,"closedDate":null,"updatedDate":{0},"toRef":{"repository":{"id":3,"slug":"r","project":{"key":"P"}}}} """
        },
        {
            ProviderKind.AzureDevOps, null,
            """ "eventType":"git.pullrequest.created","resource":{"pullRequestId":2,"status":"active","repository":{"id":"r-1"}} """,
            """ "eventType":"git.pullrequest.updated","resource":{"pullRequestId":2,"status":"abandoned","closedDate":"{0}","repository":{"id":"r-1"}} """,
            """ "eventType":"git.pullrequest.updated","resource":{"pullRequestId":2,"status":"active","lastMergeSourceCommit":{"commitId":"h"},"repository":{"id":"r-1"}} """
        },
    };

    [Theory]
    [MemberData(nameof(PullRequestLifecycles))]
    public void Close_reopen_close_yields_two_closings(ProviderKind kind, string? eventName, string opened, string closed, string reopened)
    {
        var first = new DateTimeOffset(2024, 2, 1, 10, 0, 0, TimeSpan.Zero);
        var reopenedAt = first.AddHours(1);
        var second = first.AddDays(1);

        NormalizedEvent open = Single(kind, eventName, opened);
        NormalizedEvent close1 = Single(kind, eventName, At(kind, closed, first));
        NormalizedEvent reopen = Single(kind, eventName, At(kind, reopened, reopenedAt));
        NormalizedEvent close2 = Single(kind, eventName, At(kind, closed, second));

        Assert.Equal(close1.Kind, close2.Kind);
        Assert.True(close1.Kind is PullRequestClosed or IssueClosed, $"{close1.Kind}");
        Assert.NotEqual(close1.NaturalKey, close2.NaturalKey);
        Assert.NotEqual(open.NaturalKey, reopen.NaturalKey);
        Assert.Equal(4, new[] { open.NaturalKey, close1.NaturalKey, reopen.NaturalKey, close2.NaturalKey }.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Redelivered_closing_keeps_its_key()
    {
        const string Closed = """ "action":"closed","pull_request":{"number":2,"merged":false,"closed_at":"2024-02-01T10:00:00Z"} """;

        Assert.Equal(Single(ProviderKind.GitHub, "pull_request", Closed).NaturalKey, Single(ProviderKind.GitHub, "pull_request", Closed).NaturalKey);
        Assert.EndsWith(":pr:2:closed:20240201T100000Z", Single(ProviderKind.GitHub, "pull_request", Closed).NaturalKey, StringComparison.Ordinal);
    }

    private static string[] Keys(ProviderKind provider, (string? Event, string Body) delivery, EventKind kind) =>
        [.. PayloadEdgeCaseTests.Normalize(provider, delivery.Event, delivery.Body).Events.Where(e => e.Kind == kind).Select(e => e.NaturalKey)];

    private static NormalizedEvent Single(ProviderKind provider, string? eventName, string fields) =>
        Assert.Single(PayloadEdgeCaseTests.Normalize(provider, eventName, "{" + Context(provider) + "," + fields + "}").Events);

    /// <summary>Puts a time in a body the way the provider prints it: Bitbucket Data Center in epoch milliseconds.</summary>
    private static string At(ProviderKind provider, string body, DateTimeOffset at) =>
        body.Replace("{0}", provider == ProviderKind.BitbucketDataCenter
            ? at.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)
            : at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string Context(ProviderKind provider) => provider switch
    {
        ProviderKind.GitHub => """ "repository":{"id":42,"full_name":"o/r"},"sender":{"login":"octo"} """,
        ProviderKind.GitLab => """ "project":{"id":9,"path_with_namespace":"g/r"},"user":{"username":"u"} """,
        ProviderKind.BitbucketCloud => """ "repository":{"uuid":"{r-1}","full_name":"w/r"},"actor":{"nickname":"n"} """,
        ProviderKind.BitbucketDataCenter => """ "repository":{"id":3,"slug":"r","project":{"key":"P"}},"actor":{"name":"jdoe"} """,
        _ => """ "publisherId":"tfs" """,
    };

    /// <summary>One ref update as each provider's push hook shows it.</summary>
    private static (string? Event, string Body) RefChange(ProviderKind provider, string fullRef, string before, string after)
    {
        bool tag = fullRef.StartsWith("refs/tags/", StringComparison.Ordinal);
        string name = fullRef[(tag ? "refs/tags/" : "refs/heads/").Length..];
        string ctx = Context(provider);
        return provider switch
        {
            ProviderKind.GitHub => ("push", $$"""{ {{ctx}}, "ref":"{{fullRef}}","before":"{{before}}","after":"{{after}}" }"""),
            ProviderKind.GitLab => (null, $$"""{ {{ctx}}, "object_kind":"{{(tag ? "tag_push" : "push")}}","project_id":9,"ref":"{{fullRef}}","before":"{{before}}","after":"{{after}}" }"""),
            ProviderKind.BitbucketCloud => ("repo:push", $$"""
                { {{ctx}}, "push":{"changes":[{"old":{{CloudRef(tag, name, before)}},"new":{{CloudRef(tag, name, after)}} }]} }
                """),
            ProviderKind.BitbucketDataCenter => (null, $$"""
                { {{ctx}}, "eventKey":"repo:refs_changed","changes":[{"refId":"{{fullRef}}","fromHash":"{{before}}","toHash":"{{after}}"}] }
                """),
            _ => (null, $$"""
                { "eventType":"git.push","resource":{"refUpdates":[{"name":"{{fullRef}}","oldObjectId":"{{before}}","newObjectId":"{{after}}"}],
                  "repository":{"id":"r-1","name":"r","project":{"name":"p"} },"pushedBy":{"uniqueName":"u"} } }
                """),
        };
    }

    private static string CloudRef(bool tag, string name, string sha) =>
        sha == Zero ? "null" : $$"""{"type":"{{(tag ? "tag" : "branch")}}","name":"{{name}}","target":{"hash":"{{sha}}"} }""";
}
