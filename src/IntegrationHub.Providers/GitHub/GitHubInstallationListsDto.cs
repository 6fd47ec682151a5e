namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// The wrapped pages of <c>GET /installation/repositories</c> (<c>{"total_count","repositories":[…]}</c>) and
/// <c>GET /user/installations</c> (<c>{"total_count","installations":[…]}</c>); paginated by Link header as the bare lists.
/// </summary>
internal sealed class GitHubInstallationListsDto
{
    public int TotalCount { get; init; }
    public List<GitHubRepositoryDto>? Repositories { get; init; }
    public List<GitHubInstallationDto>? Installations { get; init; }
}
