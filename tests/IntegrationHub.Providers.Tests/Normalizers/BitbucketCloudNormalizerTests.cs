using IntegrationHub.Providers.BitbucketCloud;
using IntegrationHub.Providers.Events;
using static IntegrationHub.Providers.Events.EventKind;

namespace IntegrationHub.Providers.Tests.Normalizers;

public sealed class BitbucketCloudNormalizerTests
{
    private const string Folder = "bitbucket-cloud";
    private const string Repo = "{673a6070-3421-46c9-9d48-90745f7bfe8e}";
    private const string Path = "team_name/repo_name";
    private const string Actor = "emmap1";

    private static readonly FixtureCase[] Cases =
    [
        new("issue_comment_created.json", "issue:comment_created", Repo, Path, Actor, (CommentCreatedOnIssue, $"{Repo}:comment:17")),
        new("issue_created.json", "issue:created", Repo, Path, Actor, (IssueOpened, $"{Repo}:issue:1:opened")),
        FixtureCase.Ignored("pullrequest_approved.json", "pullrequest:approved", "'pullrequest:approved'"),
        new("pullrequest_comment_created.json", "pullrequest:comment_created", Repo, Path, Actor, (CommentCreatedOnPullRequest, $"{Repo}:comment:17")),
        new("pullrequest_created.json", "pullrequest:created", Repo, Path, Actor, (PullRequestOpened, $"{Repo}:pr:1:opened")),
        new("pullrequest_fulfilled.json", "pullrequest:fulfilled", Repo, Path, Actor, (PullRequestMerged, $"{Repo}:pr:1:merged")),
        new("pullrequest_rejected.json", "pullrequest:rejected", Repo, Path, Actor, (PullRequestClosed, $"{Repo}:pr:1:closed")),
        new("pullrequest_updated.json", "pullrequest:updated", Repo, Path, Actor, (PullRequestUpdated, $"{Repo}:pr:1:updated:d3022fc0ca3d")),
        new("repo_commit_comment_created.json", "repo:commit_comment_created", Repo, Path, Actor, (CommentCreatedOnCommit, $"{Repo}:comment:17")),
        FixtureCase.Ignored("repo_commit_status_created.json", "repo:commit_status_created", "'INPROGRESS' is not final"),
        new("repo_commit_status_updated.json", "repo:commit_status_updated", Repo, Path, Actor,
            (CommitStatusChanged, $"{Repo}:status:9fec847784abb10b2fa567ee63b85bd238955d0e:mybuildtool:successful")),
        FixtureCase.Ignored("repo_fork.json", "repo:fork", "'repo:fork'"),
        new("repo_push.json", "repo:push", Repo, Path, Actor,
            (Push, $"{Repo}:push:refs/heads/name-of-branch:709d658dc5b6d6afcd46049c2f332ee3f515a67d")),
        FixtureCase.Ignored("repo_updated.json", "repo:updated", "'repo:updated'"),
    ];

    private readonly BitbucketCloudEventNormalizer _normalizer = new();

    public static TheoryData<string> Files => FixtureAssert.Names(Cases);

    [Theory]
    [MemberData(nameof(Files))]
    public void Normalizes_Bitbucket_Cloud_fixture_as_expected(string file) =>
        FixtureAssert.Matches(_normalizer, Folder, Cases.Single(c => c.File == file));

    [Fact]
    public void Every_Bitbucket_Cloud_webhook_fixture_is_described() =>
        FixtureAssert.CoversEveryFixture(Cases, Fixtures.WebhookFiles(Folder));

    [Fact]
    public void Bitbucket_Cloud_push_keeps_both_shas_and_the_compare_link()
    {
        NormalizedEvent e = Single("repo_push.json", "repo:push");

        Assert.Equal("1e65c05c1d5171631d92438a13901ca7dae9618c", e.Details.BeforeSha);
        Assert.Equal("refs/heads/name-of-branch", e.Details.Ref);
        Assert.Equal("https://bitbucket.org/user_name/repo_name/branches/compare/c4b2b7914156a878aa7c9da452a09fb50c2091f2..b99ea6dad8f416e57c5ca78c1ccef590600d841b", e.HtmlUrl);
        Assert.Equal("Emma", e.Actor?.DisplayName);
    }

    [Fact]
    public void Bitbucket_Cloud_commit_status_reads_sha_from_the_commit_link()
    {
        NormalizedEvent e = Single("repo_commit_status_updated.json", "repo:commit_status_updated");

        Assert.Equal("9fec847784abb10b2fa567ee63b85bd238955d0e", e.Details.CommitSha);
        Assert.Equal(PipelineOutcome.Success, e.Details.Outcome);
        Assert.Equal("mybuildtool", e.Details.StatusContext);
        Assert.Equal("https://my-build-tool.com/builds/MY-PROJECT/BUILD-792", e.HtmlUrl);
    }

    [Fact]
    public void Bitbucket_Cloud_comment_text_comes_from_content_raw()
    {
        NormalizedEvent e = Single("pullrequest_comment_created.json", "pullrequest:comment_created");

        Assert.Equal("Comment text", e.Details.CommentExcerpt);
        Assert.Equal(1, e.Details.Number);
        Assert.Equal(DateTimeOffset.Parse("2015-04-06T16:52:29.982346+00:00"), e.OccurredAt);
    }

    private NormalizedEvent Single(string file, string eventName) =>
        Assert.Single(_normalizer.Normalize(eventName, Fixtures.Bytes($"{Folder}/{file}"), FixtureAssert.ReceivedAt).Events);
}
