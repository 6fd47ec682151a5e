namespace IntegrationHub.Providers.GitHub;

/// <summary><c>POST /app/installations/{id}/access_tokens</c>: https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app</summary>
internal sealed class GitHubInstallationTokenDto
{
    public string? Token { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
}
