using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitLab;

/// <summary>
/// Polling reads (the writes are in <see cref="GitLabWritesApi"/>). Events filter by date only (<c>after=YYYY-MM-DD</c>, exclusive); merge requests and
/// pipelines take a full ISO-8601 <c>updated_after</c>. https://docs.gitlab.com/api/events/, https://docs.gitlab.com/api/merge_requests/
/// </summary>
internal static class GitLabPollApi
{
    private const string P = "/projects/{id}";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(P + "/events", (HttpContext c, string id, SimStore store) => With(c, id, store, r =>
        {
            var after = QueryValues.Time(c.Request, "after")?.Date;
            var before = QueryValues.Time(c.Request, "before")?.Date;
            var events = r.Events.Where(e => (after is null || e.At.UtcDateTime.Date > after) && (before is null || e.At.UtcDateTime.Date < before))
                .Select(e => GitLabActivityJson.Event(Urls(c), e, store)).OfType<JsonObject>().ToArray();
            if (QueryValues.Str(c.Request, "sort") != "asc") System.Array.Reverse(events);
            return GitLabResponses.Paged(c, events, e => e);
        }));

        api.MapGet(P + "/merge_requests", (HttpContext c, string id, SimStore store) => With(c, id, store, r =>
        {
            var state = QueryValues.Str(c.Request, "state") ?? "all";
            var updatedAfter = QueryValues.Time(c.Request, "updated_after");
            var updatedBefore = QueryValues.Time(c.Request, "updated_before");
            var byUpdated = QueryValues.Str(c.Request, "order_by") == "updated_at";
            var items = r.Pulls.Where(p => (state == "all" || GitLabActivityJson.MrState(p) == state)
                    && (updatedAfter is null || p.UpdatedAt >= updatedAfter) && (updatedBefore is null || p.UpdatedAt <= updatedBefore))
                .OrderBy(p => byUpdated ? p.UpdatedAt : p.CreatedAt).ThenBy(p => p.Id).ToArray();
            if (QueryValues.Str(c.Request, "sort") != "asc") System.Array.Reverse(items);
            return GitLabResponses.Paged(c, items, p => GitLabActivityJson.MergeRequest(Urls(c), r, p, store));
        }));

        api.MapGet(P + "/merge_requests/{iid:int}", (HttpContext c, string id, int iid, SimStore store) => With(c, id, store, r =>
            r.Pulls.FirstOrDefault(p => p.Number == iid) is { } p ? GitLabResponses.Json(GitLabActivityJson.MergeRequest(Urls(c), r, p, store)) : GitLabResponses.NotFound("Merge Request")));

        api.MapGet(P + "/merge_requests/{iid:int}/notes", (HttpContext c, string id, int iid, SimStore store) => With(c, id, store, r =>
            GitLabResponses.Paged(c, r.Comments.Where(x => x.OnPull && x.TargetNumber == iid).Reverse().ToArray(), x => GitLabActivityJson.Note(Urls(c), r, x, store))));
        api.MapGet(P + "/issues/{iid:int}/notes", (HttpContext c, string id, int iid, SimStore store) => With(c, id, store, r =>
            GitLabResponses.Paged(c, r.Comments.Where(x => !x.OnPull && x.TargetNumber == iid).Reverse().ToArray(), x => GitLabActivityJson.Note(Urls(c), r, x, store))));

        api.MapGet(P + "/pipelines", (HttpContext c, string id, SimStore store) => With(c, id, store, r =>
        {
            var updatedAfter = QueryValues.Time(c.Request, "updated_after");
            var status = QueryValues.Str(c.Request, "status");
            var gitRef = QueryValues.Str(c.Request, "ref");
            var runs = r.Runs.Where(x => (updatedAfter is null || x.UpdatedAt >= updatedAfter) && (status is null || GitLabActivityJson.PipelineStatus(x) == status)
                && (gitRef is null || x.Branch == gitRef)).OrderBy(x => QueryValues.Str(c.Request, "order_by") == "updated_at" ? x.UpdatedAt.UtcTicks : x.Id).ThenBy(x => x.Id).ToArray();
            // GitLab sorts descending unless told sort=asc, whatever order_by says.
            if (QueryValues.Str(c.Request, "sort") != "asc") System.Array.Reverse(runs);
            return GitLabResponses.Paged(c, runs, x => GitLabActivityJson.Pipeline(Urls(c), r, x));
        }));

        api.MapGet(P + "/repository/commits", (HttpContext c, string id, SimStore store) => With(c, id, store, r =>
        {
            var branch = QueryValues.Str(c.Request, "ref_name") ?? r.DefaultBranch;
            var since = QueryValues.Time(c.Request, "since");
            return GitLabResponses.Paged(c, r.Commits.Where(x => x.Branch == branch && (since is null || x.Timestamp >= since)).Reverse().ToArray(),
                x => GitLabActivityJson.Commit(Urls(c), r, x, store));
        }));

        api.MapGet(P + "/repository/branches", (HttpContext c, string id, SimStore store) => With(c, id, store, r =>
            GitLabResponses.Paged(c, r.Branches.OrderBy(b => b.Key, StringComparer.Ordinal).ToArray(), b => GitLabActivityJson.Branch(Urls(c), r, b.Key, b.Value, store))));

        api.MapGet(P + "/repository/commits/{sha}/statuses", (HttpContext c, string id, string sha, SimStore store) => With(c, id, store, r =>
            GitLabResponses.Paged(c, r.Statuses.Where(s => s.Sha == sha).Reverse().ToArray(), s => GitLabActivityJson.Status(Urls(c), r, s, store))));
    }

    private static GitLabUrls Urls(HttpContext c) => GitLabRoutes.Urls(c);

    private static IResult With(HttpContext c, string id, SimStore store, Func<SimRepo, IResult> read)
    {
        if (GitLabRoutes.Project(c, id) is not { } r) return GitLabResponses.NotFound();
        lock (store.Gate) return read(r);
    }
}
