using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.BitbucketDataCenter;

/// <summary>
/// Pull request activities (newest first: OPENED, RESCOPED, UPDATED, COMMENTED, MERGED, DECLINED) and branches
/// (<c>filterText</c>, <c>orderBy=ALPHABETICAL|MODIFICATION</c>) plus the default branch.
/// https://developer.atlassian.com/server/bitbucket/rest/v906/api-group-pull-requests/#api-api-latest-projects-projectkey-repos-repositoryslug-pull-requests-pullrequestid-activities-get
/// https://developer.atlassian.com/server/bitbucket/rest/v906/api-group-repository/#api-api-latest-projects-projectkey-repos-repositoryslug-branches-get
/// </summary>
internal static class BitbucketDataCenterActivityApi
{
    private const string Repo = "/projects/{project}/repos/{slug}";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(Repo + "/pull-requests/{id:int}/activities", (HttpContext c, string project, string slug, int id, SimStore store) => With(c, project, slug, store, r =>
        {
            if (r.Pulls.FirstOrDefault(p => p.Number == id) is not { } pull) return BitbucketDataCenterResponses.Error(404, $"Pull request {id} does not exist.");
            var u = BitbucketDataCenterRoutes.Urls(c);
            var events = r.Events.Where(e => e.Pull == pull && Action(e) is not null).Reverse().ToArray();
            return BitbucketDataCenterResponses.Paged(c, events, e => Activity(u, r, e, store));
        }));

        api.MapGet(Repo + "/branches", (HttpContext c, string project, string slug, SimStore store) => With(c, project, slug, store, r =>
        {
            var filter = QueryValues.Str(c.Request, "filterText");
            var branches = r.Branches.Where(b => filter is null || b.Key.Contains(filter, StringComparison.OrdinalIgnoreCase))
                .Select(b => (Name: b.Key, Sha: b.Value, At: r.Commits.LastOrDefault(x => x.Sha == b.Value)?.Timestamp ?? r.CreatedAt));
            var ordered = string.Equals(QueryValues.Str(c.Request, "orderBy"), "ALPHABETICAL", StringComparison.OrdinalIgnoreCase)
                ? branches.OrderBy(b => b.Name, StringComparer.Ordinal)
                : branches.OrderByDescending(b => b.At).ThenBy(b => b.Name, StringComparer.Ordinal);
            return BitbucketDataCenterResponses.Paged(c, ordered.ToArray(), b => Branch(r, b.Name, b.Sha));
        }));

        api.MapGet(Repo + "/branches/default", (HttpContext c, string project, string slug, SimStore store) => With(c, project, slug, store, r =>
            BitbucketDataCenterResponses.Json(Branch(r, r.DefaultBranch, r.Branches[r.DefaultBranch]))));
    }

    private static string? Action(SimEvent e) => e.Kind switch
    {
        SimEventKind.PullOpened => "OPENED",
        SimEventKind.PullUpdated => "RESCOPED",
        SimEventKind.PullEdited => "UPDATED",
        SimEventKind.PullComment => "COMMENTED",
        SimEventKind.PullMerged => "MERGED",
        SimEventKind.PullClosed => "DECLINED",
        _ => null,
    };

    private static JsonObject Activity(BitbucketDataCenterUrls u, SimRepo r, SimEvent e, SimStore store)
    {
        var o = new JsonObject { ["id"] = e.Id, ["createdDate"] = EpochMs(e.At), ["user"] = BitbucketDataCenterJson.User(u, e.Actor), ["action"] = Action(e) };
        switch (e.Kind)
        {
            case SimEventKind.PullComment:
                o["commentAction"] = "ADDED";
                o["comment"] = BitbucketDataCenterJson.Comment(u, r, e.Comment!, store);
                break;
            case SimEventKind.PullUpdated:
                o["fromHash"] = e.After;
                o["previousFromHash"] = e.Before;
                o["previousToHash"] = e.Pull!.BaseSha;
                o["toHash"] = e.Pull.BaseSha;
                o["added"] = new JsonObject
                {
                    ["commits"] = Array(e.Commits.Reverse().Select(x => (JsonNode?)BitbucketDataCenterJson.Commit(u, x, store))), ["total"] = e.Commits.Count,
                };
                o["removed"] = new JsonObject { ["commits"] = new JsonArray(), ["total"] = 0 };
                break;
            case SimEventKind.PullEdited:
                o["previousTitle"] = e.PreviousTitle;
                o["previousDescription"] = e.PreviousBody;
                break;
            case SimEventKind.PullMerged when e.Pull!.MergeSha is { } sha && r.Commits.LastOrDefault(x => x.Sha == sha) is { } merge:
                o["commit"] = BitbucketDataCenterJson.Commit(u, merge, store);
                break;
        }

        return o;
    }

    private static JsonObject Branch(SimRepo r, string name, string sha) => new()
    {
        ["id"] = "refs/heads/" + name,
        ["displayId"] = name,
        ["type"] = "BRANCH",
        ["latestCommit"] = sha,
        ["latestChangeset"] = sha,
        ["isDefault"] = name == r.DefaultBranch,
    };

    private static IResult With(HttpContext c, string project, string slug, SimStore store, Func<SimRepo, IResult> read)
    {
        if (BitbucketDataCenterRoutes.Repo(c, project, slug) is not { } r) return BitbucketDataCenterResponses.NotFound();
        lock (store.Gate) return read(r);
    }
}
