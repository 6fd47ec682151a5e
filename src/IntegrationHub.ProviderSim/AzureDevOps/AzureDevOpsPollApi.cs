using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.AzureDevOps;

/// <summary>
/// Pushes (<c>searchCriteria.fromDate</c>), pull requests (<c>searchCriteria.status</c>) and PR threads (the writes are in <see cref="AzureDevOpsWritesApi"/>).
/// https://learn.microsoft.com/rest/api/azure/devops/git/pushes/list, https://learn.microsoft.com/rest/api/azure/devops/git/pull-requests/get-pull-requests
/// </summary>
internal static class AzureDevOpsPollApi
{
    private const string Repo = "/{project}/_apis/git/repositories/{repo}";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(Repo + "/pushes", (HttpContext c, string org, string project, string repo, SimStore store) => With(c, org, project, repo, store, r =>
        {
            var u = AzureDevOpsRoutes.Urls(c, org);
            var from = QueryValues.Time(c.Request, "searchCriteria.fromDate");
            var pushes = r.Events.Where(e => e.Kind == SimEventKind.Push && (from is null || e.At >= from)).Reverse().ToArray();
            // As the real list: the refs a push moved are only there when asked for.
            bool refUpdates = string.Equals(QueryValues.Str(c.Request, "searchCriteria.includeRefUpdates"), "true", StringComparison.OrdinalIgnoreCase);
            return AzureDevOpsResponses.List(c, pushes, e => Push(u, r, e, refUpdates));
        }));

        api.MapGet(Repo + "/pullrequests", (HttpContext c, string org, string project, string repo, SimStore store) => With(c, org, project, repo, store, r =>
        {
            var status = QueryValues.Str(c.Request, "searchCriteria.status") ?? "active";
            // minTime/maxTime filter on creation, or on closing with queryTimeRangeType=closed.
            var closedRange = string.Equals(QueryValues.Str(c.Request, "searchCriteria.queryTimeRangeType"), "closed", StringComparison.OrdinalIgnoreCase);
            var minTime = QueryValues.Time(c.Request, "searchCriteria.minTime");
            var maxTime = QueryValues.Time(c.Request, "searchCriteria.maxTime");
            var items = r.Pulls.Where(p => (status == "all" || AzureDevOpsJson.PrStatus(p) == status)
                    && (minTime is null && maxTime is null || (closedRange ? p.ClosedAt : p.CreatedAt) is { } at && (minTime is null || at >= minTime) && (maxTime is null || at <= maxTime)))
                .OrderByDescending(p => p.Id).ToArray();
            return AzureDevOpsResponses.List(c, items, p => AzureDevOpsJson.Pull(AzureDevOpsRoutes.Urls(c, org), r, p, store));
        }));

        api.MapGet(Repo + "/pullrequests/{id:int}/threads", (HttpContext c, string org, string project, string repo, int id, SimStore store) => With(c, org, project, repo, store, r =>
            AzureDevOpsResponses.List(c, AzureDevOpsJson.Threads(r, id), x => AzureDevOpsJson.Thread(AzureDevOpsRoutes.Urls(c, org), r, x, store))));
    }

    public static JsonObject Push(AzureDevOpsUrls u, SimRepo r, SimEvent e, bool refUpdates = true)
    {
        var push = new JsonObject
        {
            ["repository"] = AzureDevOpsJson.RepoRef(u, r),
            ["pushedBy"] = AzureDevOpsJson.ShortIdentity(u, e.Actor),
            ["pushId"] = e.Id,
            ["date"] = IsoMs(e.At),
            ["url"] = $"{u.Repo(r)}/pushes/{e.Id}",
        };
        if (refUpdates)
        {
            push["refUpdates"] = new JsonArray(new JsonObject { ["name"] = e.Ref, ["oldObjectId"] = e.Before, ["newObjectId"] = e.After });
        }

        return push;
    }

    private static IResult With(HttpContext c, string org, string project, string repo, SimStore store, Func<SimRepo, IResult> read)
    {
        if (AzureDevOpsRoutes.Repo(c, org, project, repo) is not { } r) return AzureDevOpsResponses.NotFound("Git repository with name or identifier " + repo);
        lock (store.Gate) return read(r);
    }
}
