namespace IntegrationHub.ProviderAccess.GitHubApps;

/// <summary>The platform GitHub App read from Hub:GitHubApp at start (<see cref="PlatformGitHubAppSettings"/>); null when none is configured.</summary>
internal sealed record PlatformGitHubApp(GitHubAppCredentials? Credentials);
