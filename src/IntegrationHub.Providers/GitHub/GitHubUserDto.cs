namespace IntegrationHub.Providers.GitHub;

/// <summary><c>GET /user</c>. https://docs.github.com/rest/users/users#get-the-authenticated-user</summary>
internal sealed class GitHubUserDto
{
    public long Id { get; init; }
    public string Login { get; init; } = "";
    public string? Name { get; init; }
}
