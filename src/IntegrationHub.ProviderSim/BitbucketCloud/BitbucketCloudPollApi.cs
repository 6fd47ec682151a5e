using System.Text.RegularExpressions;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.BitbucketCloud;

/// <summary>
/// Pull requests (with <c>state</c> and <c>q=updated_on&gt;"..."</c>), comments, commits, pipelines and statuses.
/// https://developer.atlassian.com/cloud/bitbucket/rest/intro/#filtering
/// </summary>
internal static partial class BitbucketCloudPollApi
{
    private const string Repo = "/repositories/{workspace}/{slug}";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(Repo + "/pullrequests", (HttpContext c, string workspace, string slug, SimStore store) => With(c, workspace, slug, store, r =>
        {
            var states = c.Request.Query["state"].Select(s => s!.ToUpperInvariant()).ToHashSet();
            if (states.Count == 0) states.Add("OPEN");
            var q = QueryValues.Str(c.Request, "q");
            var after = q is not null && UpdatedAfter().Match(q) is { Success: true } m
                && DateTimeOffset.TryParse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : (DateTimeOffset?)null;
            var matching = r.Pulls.Where(p => states.Contains(BitbucketCloudActivityJson.State(p)) && (after is null || p.UpdatedAt > after));
            var items = (QueryValues.Str(c.Request, "sort") switch
            {
                "updated_on" => matching.OrderBy(p => p.UpdatedAt).ThenBy(p => p.Id),
                "-updated_on" => matching.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id),
                _ => matching.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
            }).ToArray();
            return BitbucketCloudResponses.Paged(c, items, p => BitbucketCloudActivityJson.Pull(BitbucketCloudRoutes.Urls(c), r, p, store));
        }));

        api.MapGet(Repo + "/pullrequests/{id:int}/comments", (HttpContext c, string workspace, string slug, int id, SimStore store) => With(c, workspace, slug, store, r =>
            BitbucketCloudResponses.Paged(c, r.Comments.Where(x => x.OnPull && x.TargetNumber == id).ToArray(), x => BitbucketCloudActivityJson.Comment(BitbucketCloudRoutes.Urls(c), r, x, store))));

        api.MapGet(Repo + "/commits/{branch?}", (HttpContext c, string workspace, string slug, string? branch, SimStore store) => With(c, workspace, slug, store, r =>
            BitbucketCloudResponses.Paged(c, r.Commits.Where(x => x.Branch == (branch ?? r.DefaultBranch)).Reverse().ToArray(),
                x => BitbucketCloudActivityJson.Commit(BitbucketCloudRoutes.Urls(c), r, x, store))));

        api.MapGet(Repo + "/pipelines", (HttpContext c, string workspace, string slug, SimStore store) => With(c, workspace, slug, store, r =>
            BitbucketCloudResponses.Paged(c, r.Runs.OrderByDescending(x => x.Id).ToArray(), x => BitbucketCloudActivityJson.Pipeline(BitbucketCloudRoutes.Urls(c), r, x))));

        // Statuses set through the API and those Pipelines reports for its runs (the same objects repo:commit_status_* carry), newest first.
        api.MapGet(Repo + "/commit/{sha}/statuses", (HttpContext c, string workspace, string slug, string sha, SimStore store) => With(c, workspace, slug, store, r =>
        {
            var u = BitbucketCloudRoutes.Urls(c);
            var statuses = r.Statuses.Where(s => s.Sha.StartsWith(sha, StringComparison.Ordinal)).Select(s => (At: s.CreatedAt, Json: BitbucketCloudActivityJson.Status(
                u, r, s.Sha, s.Context, s.Context, s.ProviderState ?? BitbucketCloudActivityJson.StatusState(s.State), s.Description, s.TargetUrl, s.CreatedAt)));
            var runs = r.Runs.Where(x => x.Sha.StartsWith(sha, StringComparison.Ordinal)).Select(x => (At: x.UpdatedAt, Json: BitbucketCloudActivityJson.RunStatus(u, r, x)));
            return BitbucketCloudResponses.Paged(c, statuses.Concat(runs).OrderByDescending(x => x.At).ToArray(), x => x.Json);
        }));

        BitbucketCloudRefsApi.Map(api);
    }

    [GeneratedRegex("updated_on\\s*>=?\\s*\"?([^\"\\s]+)\"?")]
    private static partial Regex UpdatedAfter();

    private static IResult With(HttpContext c, string workspace, string slug, SimStore store, Func<SimRepo, IResult> read)
    {
        if (BitbucketCloudRoutes.Repo(c, workspace, slug) is not { } r) return BitbucketCloudResponses.NotFound();
        lock (store.Gate) return read(r);
    }
}
