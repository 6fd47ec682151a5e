namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>An account an app can be installed on: a login and <c>User</c> or <c>Organization</c>.</summary>
internal sealed record GitHubAppAccount(string Login, string Type);
