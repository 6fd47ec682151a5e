namespace IntegrationHub.Providers.Api;

/// <summary>A commit status to set: <see cref="Context"/> names the check (GitHub context, GitLab name, Bitbucket key, Azure context name).</summary>
public sealed record StatusSpec(string Sha, CommitState State, string Context, string? Description = null, string? TargetUrl = null);
