namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// What an installation access token may reach: its installation, and the repositories it was narrowed to when it was
/// issued (null: all of the installation's, including ones added later).
/// </summary>
internal sealed record GitHubInstallationGrant(long InstallationId, IReadOnlySet<long>? RepoIds);
