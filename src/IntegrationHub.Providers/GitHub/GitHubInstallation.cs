namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// One installation of a GitHub App: on which account (a user or an organization), whether all repositories or a
/// chosen few, and whether it is suspended. https://docs.github.com/rest/apps/apps#get-an-installation-for-the-authenticated-app
/// </summary>
/// <param name="AccountType"><c>User</c> or <c>Organization</c> (Enterprise installations say <c>Enterprise</c>).</param>
/// <param name="RepositorySelection"><c>all</c> or <c>selected</c>.</param>
public sealed record GitHubInstallation(
    long Id,
    long AppId,
    long AccountId,
    string AccountLogin,
    string AccountType,
    string RepositorySelection,
    DateTimeOffset? SuspendedAt);
