using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>The current user and the repositories the token can see. https://docs.github.com/rest/repos/repos</summary>
internal static class GitHubReposApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/user", (HttpContext c) =>
            GitHubResponses.Json(c, GitHubUserJson.Authenticated(GitHubRoutes.Urls(c), Caller.Of(c).User)));

        api.MapGet("/user/repos", (HttpContext c, SimStore store) =>
        {
            var caller = Caller.Of(c);
            var u = GitHubRoutes.Urls(c);
            var repos = store.VisibleTo(caller.User).Where(r => r.Provider == GitHubProvider.Id).ToArray();
            lock (store.Gate) return GitHubResponses.Paged(c, repos, r => GitHubRepoJson.Api(u, r, store, admin: true));
        });

        api.MapGet("/orgs/{org}/repos", (HttpContext c, string org, SimStore store) =>
        {
            var caller = Caller.Of(c);
            var u = GitHubRoutes.Urls(c);
            var repos = store.ByOwner(GitHubProvider.Id, org).Where(r => !r.Private || store.CanSee(caller.User, r)).ToArray();
            return repos.Length == 0 && !store.Owners(GitHubProvider.Id).Contains(org.ToLowerInvariant())
                ? GitHubResponses.NotFound()
                : GitHubResponses.Paged(c, repos, r => GitHubRepoJson.Api(u, r, store, admin: true));
        });

        api.MapGet("/repos/{owner}/{repo}", (HttpContext c, string owner, string repo, SimStore store) =>
            GitHubRoutes.Repo(c, owner, repo) is { } r
                ? GitHubResponses.Json(c, GitHubRepoJson.Api(GitHubRoutes.Urls(c), r, store, admin: true))
                : GitHubResponses.NotFound());
    }
}
