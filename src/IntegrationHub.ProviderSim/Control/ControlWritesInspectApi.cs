using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Control;

/// <summary>
/// <c>GET /_sim/comments</c> and <c>GET /_sim/statuses</c>: what was written into repositories, by people through
/// <c>/_sim/events</c> or by clients through the provider APIs, oldest first. <c>repo</c> is the full name as the
/// provider spells it; without it every repository of the provider is listed.
/// </summary>
internal static class ControlWritesInspectApi
{
    public static void Map(RouteGroupBuilder sim)
    {
        sim.MapGet("/comments", (string provider, string? repo, SimStore store, ProviderCatalog providers) => Inspect(provider, repo, store, providers, r =>
            r.Comments.Concat(r.CommitComments).OrderBy(x => x.Id).Select(x => (object)new
            {
                id = x.Id,
                repo = r.FullName,
                on = x.CommitSha is not null ? "commit" : x.OnPull ? "pull" : "issue",
                number = x.CommitSha is null ? x.TargetNumber : (int?)null,
                sha = x.CommitSha,
                threadId = providers.Facts(r.Provider).CommentThreads && x.CommitSha is null ? x.ThreadId : (long?)null,
                author = store.User(x.AuthorId).Login,
                body = x.Body,
                createdAt = x.CreatedAt,
            })));

        sim.MapGet("/statuses", (string provider, string? repo, SimStore store, ProviderCatalog providers) => Inspect(provider, repo, store, providers, r =>
            r.Statuses.OrderBy(x => x.Id).Select(x => (object)new
            {
                id = x.Id,
                repo = r.FullName,
                sha = x.Sha,
                state = x.State,
                providerState = x.ProviderState,
                context = x.Context,
                description = x.Description,
                targetUrl = x.TargetUrl,
                creator = store.User(x.CreatorId).Login,
                createdAt = x.CreatedAt,
            })));
    }

    private static IResult Inspect(string provider, string? repo, SimStore store, ProviderCatalog providers, Func<SimRepo, IEnumerable<object>> items)
    {
        var id = providers.Parse(provider);
        IReadOnlyList<SimRepo> repos;
        if (repo is null)
        {
            repos = store.Owners(id).SelectMany(o => store.ByOwner(id, o)).ToArray();
        }
        else
        {
            if (store.FindRepo(id, repo) is not { } found) return Results.Json(new { error = $"No repository {repo} on {provider}." }, Json.Web, statusCode: 404);
            repos = [found];
        }

        lock (store.Gate) return Results.Json(repos.SelectMany(items).ToArray(), Json.Web);
    }
}
