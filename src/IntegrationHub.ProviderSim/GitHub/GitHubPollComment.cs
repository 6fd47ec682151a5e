namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>A review comment (on a pull request's diff: <see cref="PullNumber"/> set) or a commit comment (not set).</summary>
internal sealed record GitHubPollComment(long Id, long AuthorId, string Body, string CommitSha, int? PullNumber, string? Path, DateTimeOffset CreatedAt);
