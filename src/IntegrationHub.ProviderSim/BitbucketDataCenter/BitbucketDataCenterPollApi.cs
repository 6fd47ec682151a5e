using IntegrationHub.ProviderSim.Events;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.BitbucketDataCenter;

/// <summary>Pull requests (newest created first, or by closing date), comments and commits. https://developer.atlassian.com/server/bitbucket/rest/v906/api-group-pull-requests/</summary>
internal static class BitbucketDataCenterPollApi
{
    private const string Repo = "/projects/{project}/repos/{slug}";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(Repo + "/pull-requests", (HttpContext c, string project, string slug, SimStore store) => With(c, project, slug, store, r =>
        {
            var state = (QueryValues.Str(c.Request, "state") ?? "OPEN").ToUpperInvariant();
            var items = r.Pulls.Where(p => state == "ALL" || BitbucketDataCenterJson.PrState(p) == state).ToArray();
            // NEWEST and OLDEST order by creation, CLOSED_DATE by closing, newest first (open ones last).
            // https://docs.atlassian.com/bitbucket-server/javadoc/7.17.0/api/com/atlassian/bitbucket/pull/PullRequestOrder.html
            var ordered = (QueryValues.Str(c.Request, "order") ?? "NEWEST").ToUpperInvariant() switch
            {
                "OLDEST" => items.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id),
                "CLOSED_DATE" => items.OrderByDescending(p => p.ClosedAt ?? DateTimeOffset.MinValue).ThenByDescending(p => p.Id),
                _ => items.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
            };
            return BitbucketDataCenterResponses.Paged(c, ordered.ToArray(), p => BitbucketDataCenterJson.Pull(BitbucketDataCenterRoutes.Urls(c), r, p, store));
        }));

        api.MapGet(Repo + "/pull-requests/{id:int}", (HttpContext c, string project, string slug, int id, SimStore store) => With(c, project, slug, store, r =>
            r.Pulls.FirstOrDefault(p => p.Number == id) is { } p
                ? BitbucketDataCenterResponses.Json(BitbucketDataCenterJson.Pull(BitbucketDataCenterRoutes.Urls(c), r, p, store))
                : BitbucketDataCenterResponses.Error(404, $"Pull request {id} does not exist.")));

        api.MapPost(Repo + "/pull-requests/{id:int}/comments", async (HttpContext c, string project, string slug, int id, SimStore store, WorldActions actions) =>
        {
            if (BitbucketDataCenterRoutes.Repo(c, project, slug) is not { } r) return BitbucketDataCenterResponses.NotFound();
            var text = Str(await ReadObject(c.Request, c.RequestAborted), "text");
            if (string.IsNullOrEmpty(text)) return BitbucketDataCenterResponses.Error(400, "Comment text is required.");
            try
            {
                var (e, _) = actions.Comment(r, Caller.Of(c).User, true, id, text, RequestOrigin.Of(c));
                lock (store.Gate) return BitbucketDataCenterResponses.Json(BitbucketDataCenterJson.Comment(BitbucketDataCenterRoutes.Urls(c), r, e.Comment!, store), 201);
            }
            catch (KeyNotFoundException)
            {
                return BitbucketDataCenterResponses.Error(404, $"Pull request {id} does not exist.");
            }
        });

        api.MapGet(Repo + "/commits", (HttpContext c, string project, string slug, SimStore store) => With(c, project, slug, store, r =>
        {
            var until = QueryValues.Str(c.Request, "until") ?? r.DefaultBranch;
            var branch = until.StartsWith("refs/heads/", StringComparison.Ordinal) ? until["refs/heads/".Length..] : until;
            return BitbucketDataCenterResponses.Paged(c, r.Commits.Where(x => x.Branch == branch).Reverse().ToArray(),
                x => BitbucketDataCenterJson.Commit(BitbucketDataCenterRoutes.Urls(c), x, store));
        }));
    }

    private static IResult With(HttpContext c, string project, string slug, SimStore store, Func<SimRepo, IResult> read)
    {
        if (BitbucketDataCenterRoutes.Repo(c, project, slug) is not { } r) return BitbucketDataCenterResponses.NotFound();
        lock (store.Gate) return read(r);
    }
}
