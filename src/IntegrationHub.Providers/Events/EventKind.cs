namespace IntegrationHub.Providers.Events;

/// <summary>What happened, in the hub's own vocabulary, whatever the provider called it.</summary>
public enum EventKind
{
    /// <summary>Commits were pushed to a branch (also emitted, after <see cref="BranchCreated"/>, for the push that creates one).</summary>
    Push,
    /// <summary>A branch appeared.</summary>
    BranchCreated,
    /// <summary>A branch was removed.</summary>
    BranchDeleted,
    /// <summary>A tag appeared.</summary>
    TagCreated,
    /// <summary>A tag was removed.</summary>
    TagDeleted,
    /// <summary>A pull/merge request was opened or reopened.</summary>
    PullRequestOpened,
    /// <summary>A pull/merge request received new commits (its head moved).</summary>
    PullRequestUpdated,
    /// <summary>A pull/merge request was merged.</summary>
    PullRequestMerged,
    /// <summary>A pull/merge request was closed (declined, abandoned, deleted) without being merged.</summary>
    PullRequestClosed,
    /// <summary>A comment was added to a pull/merge request (conversation or code line).</summary>
    CommentCreatedOnPullRequest,
    /// <summary>A comment was added to an issue.</summary>
    CommentCreatedOnIssue,
    /// <summary>A comment was added to a commit.</summary>
    CommentCreatedOnCommit,
    /// <summary>An issue was opened or reopened.</summary>
    IssueOpened,
    /// <summary>An issue was closed.</summary>
    IssueClosed,
    /// <summary>A pipeline, workflow run or build finished with a final outcome.</summary>
    PipelineCompleted,
    /// <summary>A commit status reached a final state (success, failure, error, stopped).</summary>
    CommitStatusChanged,
}
