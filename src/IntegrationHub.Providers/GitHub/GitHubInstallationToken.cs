namespace IntegrationHub.Providers.GitHub;

/// <summary>An installation access token (an hour long at GitHub) and when it expires. <see cref="ToString"/> never prints it.</summary>
public sealed record GitHubInstallationToken(string Token, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"GitHubInstallationToken {{ Token = ***, ExpiresAt = {ExpiresAt:u} }}";
}
