namespace IntegrationHub.Providers.Api;

/// <summary>
/// Where a comment goes. <see cref="Number"/> is the pull/merge request or issue number people see (GitLab iid);
/// <see cref="Sha"/> the commit for <see cref="CommentTargetKind.Commit"/>. <see cref="ThreadId"/> is Azure DevOps only:
/// reply inside that thread of pull request <see cref="Number"/> instead of opening a new thread.
/// </summary>
public sealed record CommentTarget(CommentTargetKind Kind, long? Number = null, string? Sha = null, string? ThreadId = null);
