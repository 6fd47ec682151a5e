namespace IntegrationHub.ProviderSim.World;

/// <summary>Things that happen in a repository; each provider's formatter maps them to its own webhook event.</summary>
internal enum SimEventKind
{
    Push,
    BranchCreated,
    PullOpened,
    /// <summary>New commits on the source branch (GitHub <c>synchronize</c>, GitLab update with <c>oldrev</c>, BBDC <c>pr:from_ref_updated</c>).</summary>
    PullUpdated,
    /// <summary>Title or description changed, no new commits (GitHub <c>edited</c>, GitLab update without <c>oldrev</c>, BBDC <c>pr:modified</c>).</summary>
    PullEdited,
    PullMerged,
    PullClosed,
    PullComment,
    IssueComment,
    IssueOpened,
    IssueClosed,
    /// <summary>A run queued or in progress (<see cref="SimRun.Status"/>); only providers with <see cref="ProviderFacts.UnfinishedRuns"/> make one.</summary>
    RunStarted,
    RunCompleted,
    StatusSet,
}
