using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.GitLab;
using static IntegrationHub.Providers.Events.EventKind;

namespace IntegrationHub.Providers.Tests.Normalizers;

public sealed class GitLabNormalizerTests
{
    private const string Folder = "gitlab";

    private static readonly FixtureCase[] Cases =
    [
        FixtureCase.Ignored("deployment_hook.json", "Deployment Hook", "'deployment'"),
        new("issue_hook.json", "Issue Hook", "1", "gitlabhq/gitlab-test", "root", (IssueOpened, "1:issue:23:opened")),
        FixtureCase.Ignored("job_hook.created.json", "Job Hook", "'build'"),
        FixtureCase.Ignored("job_hook.json", "Job Hook", "'build'"),
        new("merge_request_hook.json", "Merge Request Hook", "1", "gitlabhq/gitlab-test", "user1", (PullRequestOpened, "1:pr:1:opened")),
        new("merge_request_hook.service.json", "Merge Request Hook", "2", "test/woodpecker", "test",
            (PullRequestUpdated, "2:pr:2:updated:0ab96a10266b95b4b533dcfd98738015fbe70889")),
        new("note_hook.commit.json", "Note Hook", "5", "gitlabhq/gitlab-test", "user1", (CommentCreatedOnCommit, "5:comment:1243")),
        new("note_hook.issue.json", "Note Hook", "5", "gitlab-org/gitlab-test", "user1", (CommentCreatedOnIssue, "5:comment:1241")),
        new("note_hook.merge_request.json", "Note Hook", "5", "gitlab-org/gitlab-test", "root", (CommentCreatedOnPullRequest, "5:comment:1244")),
        new("pipeline_hook.json", "Pipeline Hook", "1", "gitlab-org/gitlab-test", "user1", (PipelineCompleted, "1:pipeline:31:completed")),
        new("push_hook.json", "Push Hook", "15", "mike/diaspora", "jsmith",
            (Push, "15:push:refs/heads/master:da1560886d4f094c3e6c9ef40349f7d38b5d27d7")),
        FixtureCase.Ignored("release_hook.json", "Release Hook", "'release'"),
        new("tag_push_hook.json", "Tag Push Hook", "1", "jsmith/example", "jsmith", (TagCreated, "1:tag-created:v1.0.0:82b3d5ae55f7080f1e6022629cdb57bfae7cccc7")),
    ];

    private readonly GitLabEventNormalizer _normalizer = new();

    public static TheoryData<string> Files => FixtureAssert.Names(Cases);

    [Theory]
    [MemberData(nameof(Files))]
    public void Normalizes_GitLab_fixture_as_expected(string file) =>
        FixtureAssert.Matches(_normalizer, Folder, Cases.Single(c => c.File == file));

    [Theory]
    [MemberData(nameof(Files))]
    public void Normalizes_GitLab_fixture_from_its_body_alone(string file) =>
        FixtureAssert.Matches(_normalizer, Folder, Cases.Single(c => c.File == file) with { Event = null });

    [Fact]
    public void Every_GitLab_webhook_fixture_is_described() =>
        FixtureAssert.CoversEveryFixture(Cases, Fixtures.WebhookFiles(Folder));

    [Fact]
    public void GitLab_pipeline_carries_outcome_ref_and_finish_time()
    {
        NormalizedEvent e = Single("pipeline_hook.json");

        Assert.Equal(PipelineOutcome.Success, e.Details.Outcome);
        Assert.Equal("refs/heads/master", e.Details.Ref);
        Assert.Equal("bcbb5ec396a2c0f828686f14fac9b80b780504f2", e.Details.CommitSha);
        Assert.Equal(new DateTimeOffset(2016, 8, 12, 15, 26, 29, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal("http://192.168.64.1:3005/gitlab-org/gitlab-test/-/pipelines/31", e.HtmlUrl);
    }

    [Fact]
    public void GitLab_note_on_merge_request_uses_the_iid_and_note_text()
    {
        NormalizedEvent e = Single("note_hook.merge_request.json");

        Assert.Equal(1, e.Details.Number);
        Assert.Equal("This MR needs work.", e.Details.CommentExcerpt);
        Assert.Equal("Administrator", e.Actor?.DisplayName);
        Assert.Equal(new DateTimeOffset(2015, 5, 17, 18, 21, 36, TimeSpan.Zero), e.OccurredAt);
    }

    [Fact]
    public void GitLab_merge_request_update_keeps_old_and_new_head()
    {
        NormalizedEvent e = Single("merge_request_hook.service.json");

        Assert.Equal(2, e.Details.Number);
        Assert.Equal("Update client.go 🎉", e.Details.Title);
        Assert.Equal("http://10.40.8.5:3200/test/woodpecker/-/merge_requests/2", e.HtmlUrl);
    }

    [Fact]
    public void GitLab_push_has_no_push_time_and_takes_the_receive_time()
    {
        NormalizedEvent e = Single("push_hook.json");

        Assert.Equal(FixtureAssert.ReceivedAt, e.OccurredAt);
        Assert.Equal("95790bf891e76fee5e1747ab589903a6a1f80f22", e.Details.BeforeSha);
        Assert.Equal("John Smith", e.Actor?.DisplayName);
    }

    private NormalizedEvent Single(string file) =>
        Assert.Single(_normalizer.Normalize(null, Fixtures.Bytes($"{Folder}/{file}"), FixtureAssert.ReceivedAt).Events);
}
