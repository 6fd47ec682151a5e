using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Who may do what with an app's installations. A person may install an app on their own account and on each
/// organization they administer; in the simulator a person administers an organization when they created one of its
/// repositories (the seeder makes the demo user the creator; users it only grants are members). As at GitHub,
/// <c>GET /user/installations</c> shows more than that: every installation the person can reach at all (their own
/// account's, or one covering a repository they can read), so an app must check the account itself.
/// </summary>
internal static class GitHubAppAccounts
{
    public static IReadOnlyList<GitHubAppAccount> AdministeredBy(SimStore store, SimUser user)
    {
        var orgs = store.VisibleTo(user)
            .Where(r => r.Provider == GitHubProvider.Id && r.OwnerUserId == user.Id && !string.Equals(r.Owner, user.Login, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Owner).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase);
        return [new GitHubAppAccount(user.Login, "User"), .. orgs.Select(o => new GitHubAppAccount(o, "Organization"))];
    }

    public static bool Administers(SimStore store, SimUser user, string account) =>
        AdministeredBy(store, user).Any(a => string.Equals(a.Login, account, StringComparison.OrdinalIgnoreCase));

    /// <summary>A member of an organization: its administrator, or granted one of its repositories.</summary>
    public static bool IsMember(SimStore store, SimUser user, string organization) =>
        Administers(store, user, organization) || store.VisibleTo(user).Any(r => r.Provider == GitHubProvider.Id
            && string.Equals(r.Owner, organization, StringComparison.OrdinalIgnoreCase));

    /// <summary>What <c>GET /user/installations</c> lists: installations on the person's account or covering a repository they can read.</summary>
    public static bool Reaches(SimStore store, GitHubAppStore apps, SimUser user, GitHubAppInstallation installation) =>
        string.Equals(installation.AccountLogin, user.Login, StringComparison.OrdinalIgnoreCase)
        || apps.Repositories(installation).Any(r => store.CanSee(user, r));
}
