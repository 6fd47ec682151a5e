using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Which private repositories a caller sees: a user's token those the user may see; an installation token only those
/// its installation covers (and it was narrowed to), so everything else is 404 as GitHub answers it.
/// https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/authenticating-as-a-github-app-installation
/// </summary>
internal static class GitHubAccess
{
    public static bool CanSee(HttpContext http, Caller caller, SimRepo repo)
    {
        var apps = http.RequestServices.GetRequiredService<GitHubAppStore>();
        return apps.FindGrant(caller.Token.Value) is { } grant
            ? apps.Covers(grant, repo)
            : http.RequestServices.GetRequiredService<SimStore>().CanSee(caller.User, repo);
    }

    /// <summary>The rate-limit bucket: an installation's tokens share one 5,000/h budget, any other token has its own.</summary>
    public static string BudgetKey(HttpContext http, Caller caller) =>
        http.RequestServices.GetRequiredService<GitHubAppStore>().FindGrant(caller.Token.Value) is { } grant
            ? "installation " + grant.InstallationId
            : caller.Token.Value;
}
