namespace IntegrationHub.Providers.Api;

/// <summary>What a comment is written on. Not every provider has every kind: see <see cref="ProviderDescriptor.CommentTargets"/>.</summary>
public enum CommentTargetKind
{
    PullRequest,
    Issue,
    Commit,
}
