namespace IntegrationHub.Providers.GitLab;

/// <summary><c>GET /user</c>. https://docs.gitlab.com/api/users/#get-the-current-user</summary>
internal sealed class GitLabUserDto
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string? Name { get; init; }
}
