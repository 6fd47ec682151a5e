using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// The read endpoints the 60-second poll uses, all paged and ETagged (the writes are in <see cref="GitHubWritesApi"/>).
/// https://docs.github.com/rest/pulls/pulls#list-pull-requests, https://docs.github.com/rest/issues/comments
/// </summary>
internal static class GitHubPollApi
{
    private const string Repo = "/repos/{owner}/{repo}";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(Repo + "/branches", (HttpContext c, string owner, string repo, SimStore store) => With(c, owner, repo, store, r =>
            GitHubResponses.Paged(c, r.Branches.OrderBy(b => b.Key, StringComparer.Ordinal).ToArray(), b => GitHubCiJson.Branch(Urls(c), r, b.Key, b.Value))));

        api.MapGet(Repo + "/commits", (HttpContext c, string owner, string repo, SimStore store) => With(c, owner, repo, store, r =>
        {
            var branch = QueryValues.Str(c.Request, "sha") ?? r.DefaultBranch;
            var since = QueryValues.Time(c.Request, "since");
            var commits = r.Commits.Where(x => x.Branch == branch && (since is null || x.Timestamp >= since)).Reverse().ToArray();
            return GitHubResponses.Paged(c, commits, x => GitHubCiJson.Commit(Urls(c), r, x, store));
        }));

        api.MapGet(Repo + "/pulls", (HttpContext c, string owner, string repo, SimStore store) => With(c, owner, repo, store, r =>
        {
            var state = QueryValues.Str(c.Request, "state") ?? "open";
            var pulls = r.Pulls.Where(p => state == "all" || (state == "open") == p.IsOpen);
            var byUpdated = QueryValues.Str(c.Request, "sort") is "updated";
            var asc = QueryValues.Str(c.Request, "direction") == "asc";
            var ordered = (byUpdated ? pulls.OrderBy(p => p.UpdatedAt) : pulls.OrderBy(p => p.CreatedAt)).ThenBy(p => p.Number).ToArray();
            if (!asc) System.Array.Reverse(ordered);
            return GitHubResponses.Paged(c, ordered, p => GitHubPullJson.Pull(Urls(c), r, p, store));
        }));

        api.MapGet(Repo + "/pulls/{number:int}", (HttpContext c, string owner, string repo, int number, SimStore store) => With(c, owner, repo, store, r =>
            r.Pulls.FirstOrDefault(p => p.Number == number) is { } p ? GitHubResponses.Json(c, GitHubPullJson.Pull(Urls(c), r, p, store)) : GitHubResponses.NotFound()));

        // Lists issues and pull requests together, as GitHub does; since filters on updated_at.
        api.MapGet(Repo + "/issues", (HttpContext c, string owner, string repo, SimStore store) => With(c, owner, repo, store, r =>
        {
            var state = QueryValues.Str(c.Request, "state") ?? "open";
            var since = QueryValues.Time(c.Request, "since");
            var items = r.Issues.Select(i => (i.UpdatedAt, Node: (Func<JsonNode>)(() => GitHubPullJson.Issue(Urls(c), r, i, store)), Open: i.State == "open"))
                .Concat(r.Pulls.Select(p => (p.UpdatedAt, Node: (Func<JsonNode>)(() => GitHubPullJson.IssueOfPull(Urls(c), r, p, store)), Open: p.IsOpen)))
                .Where(x => (state == "all" || (state == "open") == x.Open) && (since is null || x.UpdatedAt >= since))
                .OrderByDescending(x => x.UpdatedAt).ToArray();
            return GitHubResponses.Paged(c, items, x => x.Node());
        }));

        api.MapGet(Repo + "/issues/comments", (HttpContext c, string owner, string repo, SimStore store) => With(c, owner, repo, store, r =>
        {
            var since = QueryValues.Time(c.Request, "since");
            var items = r.Comments.Where(x => since is null || x.CreatedAt >= since).ToArray();
            if (QueryValues.Str(c.Request, "direction") == "desc") System.Array.Reverse(items);
            return GitHubResponses.Paged(c, items, x => GitHubPullJson.Comment(Urls(c), r, x, store));
        }));

        api.MapGet(Repo + "/issues/{number:int}/comments", (HttpContext c, string owner, string repo, int number, SimStore store) => With(c, owner, repo, store, r =>
            GitHubResponses.Paged(c, r.Comments.Where(x => x.TargetNumber == number && x.OnPull == r.Pulls.Any(p => p.Number == number)).ToArray(),
                x => GitHubPullJson.Comment(Urls(c), r, x, store))));

        api.MapGet(Repo + "/actions/runs", (HttpContext c, string owner, string repo, SimStore store) => With(c, owner, repo, store, r =>
        {
            var branch = QueryValues.Str(c.Request, "branch");
            var status = QueryValues.Str(c.Request, "status");
            var runs = r.Runs.Where(x => (branch is null || x.Branch == branch) && (status is null || x.Status == status || x.Conclusion == status))
                .OrderByDescending(x => x.Id).ToArray();
            var perPage = QueryValues.Int(c.Request, "per_page", 30, 1, 100);
            var page = QueryValues.Int(c.Request, "page", 1);
            return GitHubResponses.Json(c, new JsonObject
            {
                ["total_count"] = runs.Length,
                ["workflow_runs"] = new JsonArray(runs.Skip((page - 1) * perPage).Take(perPage).Select(x => (JsonNode?)GitHubCiJson.Run(Urls(c), r, x, store)).ToArray()),
            });
        }));

        api.MapGet(Repo + "/commits/{sha}/statuses", (HttpContext c, string owner, string repo, string sha, SimStore store) => With(c, owner, repo, store, r =>
        {
            var resolved = r.Branches.GetValueOrDefault(sha) ?? sha;
            return GitHubResponses.Paged(c, r.Statuses.Where(s => s.Sha == resolved).Reverse().ToArray(), s => GitHubCiJson.Status(Urls(c), r, s, store));
        }));

        // The feed lags (FaultSettings.FeedLagSeconds): an event shows only once it is that old.
        api.MapGet(Repo + "/events", (HttpContext c, string owner, string repo, SimStore store, FaultRegistry faults) => With(c, owner, repo, store, r =>
        {
            var shownBefore = store.Now.AddSeconds(-faults.Get(GitHubProvider.Id).FeedLagSeconds);
            return GitHubResponses.Paged(c, r.Events.Where(e => e.At <= shownBefore).Reverse().Take(300)
                .Select(e => GitHubEventFeedJson.Item(Urls(c), e, store)).OfType<JsonObject>().ToArray(), e => e);
        }));

        GitHubPollCommentsApi.Map(api);
        GitHubPollTagsApi.Map(api);
    }

    private static GitHubUrls Urls(HttpContext c) => GitHubRoutes.Urls(c);

    /// <summary>Runs <paramref name="read"/> under the world lock for a visible repository, else 404.</summary>
    internal static IResult With(HttpContext c, string owner, string repo, SimStore store, Func<SimRepo, IResult> read)
    {
        if (GitHubRoutes.Repo(c, owner, repo) is not { } r) return GitHubResponses.NotFound();
        lock (store.Gate) return read(r);
    }
}
