using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// The accounts a person may install an app on, and whose installations <c>GET /user/installations</c> shows them:
/// their own, and each organization they administer. In the simulator a person administers an organization when they
/// created one of its repositories (the seeder makes the demo user the creator; users it only grants do not).
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
}
