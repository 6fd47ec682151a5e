using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitLab;

/// <summary>The current user and the projects the token can see. https://docs.gitlab.com/api/projects/#list-all-projects</summary>
internal static class GitLabProjectsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/user", (HttpContext c) => GitLabResponses.Json(GitLabJson.CurrentUser(GitLabRoutes.Urls(c), Caller.Of(c).User)));

        api.MapGet("/projects", (HttpContext c, SimStore store) =>
        {
            var u = GitLabRoutes.Urls(c);
            var search = QueryValues.Str(c.Request, "search");
            var repos = store.VisibleTo(Caller.Of(c).User)
                .Where(r => r.Provider == GitLabProvider.Id && (search is null || r.Name.Contains(search, StringComparison.OrdinalIgnoreCase)))
                .ToArray();
            // Default order is created_at desc; clients that walk everything ask order_by=id&sort=asc.
            if (QueryValues.Str(c.Request, "sort") != "asc") System.Array.Reverse(repos);
            lock (store.Gate) return GitLabResponses.Paged(c, repos, r => GitLabJson.Project(u, r), r => r.Id);
        });

        api.MapGet("/groups/{group}/projects", (HttpContext c, string group, SimStore store) =>
        {
            var u = GitLabRoutes.Urls(c);
            var caller = Caller.Of(c).User;
            var repos = store.ByOwner(GitLabProvider.Id, Uri.UnescapeDataString(group)).Where(r => !r.Private || store.CanSee(caller, r)).ToArray();
            return GitLabResponses.Paged(c, repos, r => GitLabJson.Project(u, r), r => r.Id);
        });

        api.MapGet("/projects/{id}", (HttpContext c, string id) =>
            GitLabRoutes.Project(c, id) is { } r ? GitLabResponses.Json(GitLabJson.Project(GitLabRoutes.Urls(c), r)) : GitLabResponses.NotFound());
    }
}
