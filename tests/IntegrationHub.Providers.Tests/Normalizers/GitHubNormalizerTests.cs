using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.GitHub;
using static IntegrationHub.Providers.Events.EventKind;

namespace IntegrationHub.Providers.Tests.Normalizers;

public sealed class GitHubNormalizerTests
{
    private const string Folder = "github";
    private const string Repo = "186853002";
    private const string Path = "Codertocat/Hello-World";
    private const string Actor = "Codertocat";
    private const string Head = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    private const string Sha = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";

    private static readonly FixtureCase[] Cases =
    [
        FixtureCase.Ignored("check_run.completed.failure.json", "check_run", "'check_run'"),
        FixtureCase.Ignored("check_run.completed.json", "check_run", "'check_run'"),
        FixtureCase.Ignored("check_run.created.json", "check_run", "'check_run'"),
        FixtureCase.Ignored("check_run.rerequested.json", "check_run", "'check_run'"),
        FixtureCase.Ignored("check_suite.completed.json", "check_suite", "'check_suite'"),
        FixtureCase.Ignored("create.json", "create", "the push GitHub sends for the same tag is normalized instead"),
        FixtureCase.Ignored("delete.json", "delete", "the push GitHub sends for the same tag is normalized instead"),
        FixtureCase.Ignored("installation.created.json", "installation", "'installation'"),
        FixtureCase.Ignored("installation.deleted.json", "installation", "'installation'"),
        FixtureCase.Ignored("installation.suspend.json", "installation", "'installation'"),
        FixtureCase.Ignored("installation_repositories.added.json", "installation_repositories", "'installation_repositories'"),
        FixtureCase.Ignored("installation_repositories.removed.json", "installation_repositories", "'installation_repositories'"),
        new("issue_comment.created.1.json", "issue_comment", Repo, Path, Actor, (CommentCreatedOnIssue, "186853002:comment:492700400")),
        new("issue_comment.created.json", "issue_comment", Repo, Path, Actor, (CommentCreatedOnIssue, "186853002:comment:492700400")),
        new("issues.opened.empty-body.json", "issues", Repo, Path, Actor, (IssueOpened, "186853002:issue:1:opened")),
        new("issues.opened.json", "issues", Repo, Path, Actor, (IssueOpened, "186853002:issue:1:opened")),
        FixtureCase.Ignored("ping.app.json", "ping", "ping"),
        FixtureCase.Ignored("ping.json", "ping", "ping"),
        FixtureCase.Ignored("ping.organization.json", "ping", "ping"),
        new("pull_request.closed.json", "pull_request", Repo, Path, Actor, (PullRequestClosed, "186853002:pr:2:closed:20190515T152118Z")),
        new("pull_request.opened.json", "pull_request", Repo, Path, Actor, (PullRequestOpened, "186853002:pr:2:opened")),
        new("pull_request.opened.null-body.json", "pull_request", Repo, Path, Actor, (PullRequestOpened, "186853002:pr:2:opened")),
        new("pull_request.reopened.json", "pull_request", Repo, Path, Actor, (PullRequestOpened, "186853002:pr:2:reopened:20190515T152033Z")),
        new("pull_request.synchronize.json", "pull_request", Repo, Path, Actor, (PullRequestUpdated, $"186853002:pr:2:updated:{Head}")),
        FixtureCase.Ignored("pull_request_review.submitted.json", "pull_request_review", "'pull_request_review'"),
        new("pull_request_review_comment.created.json", "pull_request_review_comment", Repo, Path, Actor,
            (CommentCreatedOnPullRequest, "186853002:comment:284312630")),
        new("push.json", "push", Repo, Path, Actor, (TagDeleted, $"186853002:tag-deleted:simple-tag:{Sha}")),
        new("push.new-branch.json", "push", Repo, Path, Actor,
            (BranchCreated, $"186853002:branch-created:master:{Sha}"), (Push, $"186853002:push:refs/heads/master:{Sha}")),
        new("push.with-installation.json", "push", Repo, Path, Actor, (TagDeleted, $"186853002:tag-deleted:simple-tag:{Sha}")),
        new("push.with-organization.json", "push", Repo, Path, Actor, (TagDeleted, $"186853002:tag-deleted:simple-tag:{Sha}")),
        FixtureCase.Ignored("repository.created.json", "repository", "'repository'"),
        FixtureCase.Ignored("repository.edited.json", "repository", "'repository'"),
        FixtureCase.Ignored("repository.renamed.json", "repository", "'repository'"),
        FixtureCase.Ignored("repository.transferred.json", "repository", "'repository'"),
        new("status.json", "status", Repo, Path, Actor, (CommitStatusChanged, $"186853002:status:{Sha}:default:success")),
        FixtureCase.Ignored("workflow_job.completed.failure.json", "workflow_job", "'workflow_job'"),
        new("workflow_run.completed.success.json", "workflow_run", "300029405", "octo-org/octo-repo", Actor,
            (PipelineCompleted, "300029405:pipeline:289782451:completed")),
        new("workflow_run.completed.with-pull-requests.json", "workflow_run", "300029405", "octo-org/octo-repo", Actor,
            (PipelineCompleted, "300029405:pipeline:289782451:completed")),
        FixtureCase.Ignored("workflow_run.requested.json", "workflow_run", "'requested'"),
    ];

    private readonly GitHubEventNormalizer _normalizer = new();

    public static TheoryData<string> Files => FixtureAssert.Names(Cases);

    [Theory]
    [MemberData(nameof(Files))]
    public void Normalizes_GitHub_fixture_as_expected(string file) =>
        FixtureAssert.Matches(_normalizer, Folder, Cases.Single(c => c.File == file));

    [Fact]
    public void Every_GitHub_webhook_fixture_is_described() =>
        FixtureAssert.CoversEveryFixture(Cases, Fixtures.WebhookFiles(Folder));

    [Fact]
    public void GitHub_pull_request_details_come_from_the_payload()
    {
        NormalizedEvent e = Single("pull_request.closed.json", "pull_request");

        Assert.Equal(2, e.Details.Number);
        Assert.Equal("Update the README with new information.", e.Details.Title);
        Assert.Equal(Head, e.Details.HeadSha);
        Assert.Equal("https://github.com/Codertocat/Hello-World/pull/2", e.HtmlUrl);
        Assert.Equal(DateTimeOffset.Parse("2019-05-15T15:21:18Z"), e.OccurredAt);
    }

    [Fact]
    public void GitHub_workflow_run_carries_outcome_and_commit()
    {
        NormalizedEvent e = Single("workflow_run.completed.success.json", "workflow_run");

        Assert.Equal(PipelineOutcome.Success, e.Details.Outcome);
        Assert.Equal("289782451", e.Details.PipelineId);
        Assert.Equal("3484a3fb816e0859fd6e1cea078d76385ff50625", e.Details.CommitSha);
        Assert.Equal("https://github.com/octo-org/octo-repo/actions/runs/289782451", e.HtmlUrl);
    }

    [Fact]
    public void GitHub_comment_keeps_id_and_excerpt()
    {
        NormalizedEvent e = Single("issue_comment.created.json", "issue_comment");

        Assert.Equal("492700400", e.Details.CommentId);
        Assert.Equal("You are totally right! I'll get this fixed right away.", e.Details.CommentExcerpt);
        Assert.Equal(1, e.Details.Number);
        Assert.Equal(DateTimeOffset.Parse("2019-05-15T15:20:21Z"), e.OccurredAt);
    }

    [Fact]
    public void GitHub_push_time_is_the_push_not_the_commit()
    {
        NormalizedEvent e = Single("push.json", "push");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1557933657), e.OccurredAt);
        Assert.Equal("refs/tags/simple-tag", e.Details.Ref);
        Assert.Equal(Sha, e.Details.BeforeSha);
    }

    private NormalizedEvent Single(string file, string eventName) =>
        Assert.Single(_normalizer.Normalize(eventName, Fixtures.Bytes($"{Folder}/{file}"), FixtureAssert.ReceivedAt).Events);
}
