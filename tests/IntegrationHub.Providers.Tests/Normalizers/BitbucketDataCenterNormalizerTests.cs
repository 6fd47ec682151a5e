using IntegrationHub.Providers.BitbucketDataCenter;
using IntegrationHub.Providers.Events;
using static IntegrationHub.Providers.Events.EventKind;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>The fixtures live in <c>bitbucket-server/</c> (Data Center's former name); the body's eventKey names each event.</summary>
public sealed class BitbucketDataCenterNormalizerTests
{
    private const string Folder = "bitbucket-server";
    private const string Path = "~gopher/webhook-test";

    private static readonly FixtureCase[] Cases =
    [
        new("pr_comment_added.json", null, "4", Path, "gopher", (CommentCreatedOnPullRequest, "4:comment:167")),
        FixtureCase.Ignored("pr_comment_edited.json", null, "'pr:comment:edited'"),
        new("pr_declined.json", null, "4", Path, "gopher", (PullRequestClosed, "4:pr:2:closed:20190301T091235Z")),
        new("pr_deleted.json", null, "4", Path, "gopher", (PullRequestClosed, "4:pr:2:closed:20190301T091610Z")),
        new("pr_from_ref_updated.drone-go-scm.json", null, "1", "PRJ/my-repo", "jcitizen",
            (PullRequestUpdated, "1:pr:2:updated:c00d0f269a9844dd168f72f6a9d78a9cff49a318")),
        new("pr_merged.json", null, "4", Path, "gopher", (PullRequestMerged, "4:pr:5:merged")),
        new("pr_modified.json", null, "4", Path, "gopher", (PullRequestUpdated, "4:pr:3:updated:591f702354b3abf1faaca4d23811620d1b2ac984")),
        new("pr_opened.json", null, "4", Path, "gopher", (PullRequestOpened, "4:pr:5:opened")),
        FixtureCase.Ignored("pr_reviewer_approved.json", null, "'pr:reviewer:approved'"),
        FixtureCase.Ignored("repo_modified.json", null, "'repo:modified'"),
        new("repo_refs_changed.json", null, "4", Path, "gopher",
            (BranchDeleted, "4:branch-deleted:feature/wip:32a0b8a740c2963c6f56bd8baf3dc05683d299e0")),
    ];

    private readonly BitbucketDataCenterEventNormalizer _normalizer = new();

    public static TheoryData<string> Files => FixtureAssert.Names(Cases);

    [Theory]
    [MemberData(nameof(Files))]
    public void Normalizes_Bitbucket_Data_Center_fixture_as_expected(string file) =>
        FixtureAssert.Matches(_normalizer, Folder, Cases.Single(c => c.File == file));

    [Fact]
    public void Every_Bitbucket_Data_Center_webhook_fixture_is_described() =>
        FixtureAssert.CoversEveryFixture(Cases, Fixtures.WebhookFiles(Folder));

    [Fact]
    public void Bitbucket_Data_Center_event_time_is_the_payload_date_with_its_offset()
    {
        NormalizedEvent e = Single("pr_opened.json");

        Assert.Equal(new DateTimeOffset(2019, 3, 1, 10, 31, 15, TimeSpan.FromHours(1)), e.OccurredAt);
        Assert.Equal("Update README", e.Details.Title);
        Assert.Equal("https://server.bitbucket.local/users/gopher/repos/webhook-test/pull-requests/5", e.HtmlUrl);
        Assert.Equal("Foo Bar", e.Actor?.DisplayName);
    }

    [Fact]
    public void Bitbucket_Data_Center_comment_time_is_its_created_date()
    {
        NormalizedEvent e = Single("pr_comment_added.json");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1551431315592), e.OccurredAt);
        Assert.Equal("test", e.Details.CommentExcerpt);
        Assert.Equal(2, e.Details.Number);
    }

    [Fact]
    public void Bitbucket_Data_Center_ping_is_ignored()
    {
        NormalizationResult result = _normalizer.Normalize("diagnostics:ping", """{"test": true}"""u8.ToArray(), FixtureAssert.ReceivedAt);

        Assert.Equal(NormalizationStatus.Ignored, result.Status);
        Assert.Contains("ping", result.Reason);
    }

    private NormalizedEvent Single(string file) =>
        Assert.Single(_normalizer.Normalize(null, Fixtures.Bytes($"{Folder}/{file}"), FixtureAssert.ReceivedAt).Events);
}
