using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// What an installation token may call beyond repositories: <c>GET /installation/repositories</c>; and what it may
/// not: the <c>/user</c> endpoints, which speak for a person. https://docs.github.com/rest/apps/installations
/// </summary>
internal static class GitHubInstallationApi
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/installation/repositories", (HttpContext c, SimStore store, GitHubAppStore apps) =>
    {
        var caller = Caller.Of(c);
        if (apps.FindGrant(caller.Token.Value) is not { } grant || apps.FindInstallation(grant.InstallationId) is not { } installation)
        {
            return GitHubResponses.Error(403, "You must authenticate with an installation access token in order to list repositories for an installation.");
        }

        var u = GitHubRoutes.Urls(c);
        var repos = apps.Repositories(installation).Where(r => grant.RepoIds is null || grant.RepoIds.Contains(r.Id)).ToArray();
        lock (store.Gate)
        {
            return GitHubResponses.Paged(c, repos, r => GitHubRepoJson.Api(u, r, store, admin: false), page => new JsonObject
            {
                ["total_count"] = repos.Length,
                ["repository_selection"] = installation.RepositorySelection,
                ["repositories"] = page,
            });
        }
    });

    /// <summary>
    /// GitHub answers 403 when an installation token calls an endpoint about the signed-in person (<c>/user</c>,
    /// <c>/user/repos</c>, <c>/user/installations</c>): there is no person behind it.
    /// </summary>
    public static IResult? RefuseUserEndpoint(HttpContext http, Caller caller)
    {
        var path = http.Request.Path.Value ?? "";
        var user = path.EndsWith("/api/v3/user", StringComparison.Ordinal) || path.Contains("/api/v3/user/", StringComparison.Ordinal);
        return user && GitHubTokens.IsInstallation(caller.Token) ? GitHubResponses.Error(403, GitHubTokens.NotAccessibleByIntegration) : null;
    }
}
