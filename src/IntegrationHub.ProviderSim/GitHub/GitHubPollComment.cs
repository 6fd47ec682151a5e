namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>A review comment on a pull request's diff (commit comments are <see cref="World.SimComment"/>s in <see cref="World.SimRepo.CommitComments"/>).</summary>
internal sealed record GitHubPollComment(long Id, long AuthorId, string Body, string CommitSha, int? PullNumber, string? Path, DateTimeOffset CreatedAt);
