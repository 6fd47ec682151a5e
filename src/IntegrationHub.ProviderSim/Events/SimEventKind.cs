namespace IntegrationHub.ProviderSim.Events;

/// <summary>Things that happen in a repository; each provider's formatter maps them to its own webhook event.</summary>
internal enum SimEventKind
{
    Push,
    BranchCreated,
    PullOpened,
    PullUpdated,
    PullMerged,
    PullClosed,
    PullComment,
    IssueComment,
    IssueOpened,
    IssueClosed,
    RunCompleted,
    StatusSet,
}
