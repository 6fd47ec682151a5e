namespace IntegrationHub.Providers.Api;

/// <summary>
/// A commit or build status in the hub's words (GitHub's four). Each client maps it to its provider's vocabulary:
/// GitLab pending/success/failed/failed, Bitbucket INPROGRESS/SUCCESSFUL/FAILED/FAILED, Azure pending/succeeded/failed/error.
/// </summary>
public enum CommitState
{
    Pending,
    Success,
    Failure,
    Error,
}
