namespace IntegrationHub.Providers.GitHub;

/// <summary>A repository added to or removed from a GitHub App installation: its GitHub id (as text, the hub's external id) and full name.</summary>
public sealed record GitHubInstallationRepository(string ExternalId, string FullPath, bool IsPrivate);
