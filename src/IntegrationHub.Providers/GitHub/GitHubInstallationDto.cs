namespace IntegrationHub.Providers.GitHub;

/// <summary>An installation as <c>GET /app/installations/{id}</c> and <c>GET /user/installations</c> give it.</summary>
internal sealed class GitHubInstallationDto
{
    public long Id { get; init; }
    public long AppId { get; init; }
    public AccountDto? Account { get; init; }
    public string? TargetType { get; init; }
    public string? RepositorySelection { get; init; }
    public DateTimeOffset? SuspendedAt { get; init; }

    public GitHubInstallation ToInstallation() => new(
        Id, AppId, Account?.Id ?? 0, Account?.Login ?? "", Account?.Type ?? TargetType ?? "", RepositorySelection ?? "", SuspendedAt);

    internal sealed class AccountDto
    {
        public long Id { get; init; }
        public string? Login { get; init; }
        public string? Type { get; init; }
    }
}
