using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.BitbucketCloud.BitbucketCloudJson;

namespace IntegrationHub.ProviderSim.BitbucketCloud;

/// <summary>
/// <c>GET /2.0/repositories/{workspace}/{slug}/refs/branches</c> (paged like every 2.0 list; <c>q=name="x"</c> or
/// <c>name~"x"</c>, <c>sort=name</c>, <c>-name</c>, <c>target.date</c>, <c>-target.date</c>) and one branch by name.
/// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-refs/#api-repositories-workspace-repo-slug-refs-branches-get
/// </summary>
internal static partial class BitbucketCloudRefsApi
{
    private const string Repo = "/repositories/{workspace}/{slug}";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(Repo + "/refs/branches", (HttpContext c, string workspace, string slug, SimStore store) =>
        {
            if (BitbucketCloudRoutes.Repo(c, workspace, slug) is not { } r) return BitbucketCloudResponses.NotFound();
            lock (store.Gate)
            {
                IEnumerable<(string Name, SimCommit Head)> branches = r.Branches.Select(b => (b.Key, Head(r, b.Value)));
                if (QueryValues.Str(c.Request, "q") is { } q && NameFilter().Match(q) is { Success: true } m)
                {
                    var value = m.Groups[2].Value;
                    branches = m.Groups[1].Value == "~"
                        ? branches.Where(b => b.Name.Contains(value, StringComparison.OrdinalIgnoreCase))
                        : branches.Where(b => b.Name == value);
                }

                var ordered = QueryValues.Str(c.Request, "sort") switch
                {
                    "-name" => branches.OrderByDescending(b => b.Name, StringComparer.Ordinal),
                    "target.date" => branches.OrderBy(b => b.Head.Timestamp),
                    "-target.date" => branches.OrderByDescending(b => b.Head.Timestamp),
                    _ => branches.OrderBy(b => b.Name, StringComparer.Ordinal),
                };
                var u = BitbucketCloudRoutes.Urls(c);
                return BitbucketCloudResponses.Paged(c, ordered.ToArray(), b => Branch(u, r, b.Name, b.Head, store));
            }
        });

        api.MapGet(Repo + "/refs/branches/{*name}", (HttpContext c, string workspace, string slug, string name, SimStore store) =>
        {
            if (BitbucketCloudRoutes.Repo(c, workspace, slug) is not { } r) return BitbucketCloudResponses.NotFound();
            lock (store.Gate)
            {
                return r.Branches.TryGetValue(name, out var sha)
                    ? BitbucketCloudResponses.Json(Branch(BitbucketCloudRoutes.Urls(c), r, name, Head(r, sha), store))
                    : BitbucketCloudResponses.Error(404, $"Branch \"{name}\" not found");
            }
        });
    }

    private static SimCommit Head(SimRepo r, string sha) => r.Commits.Last(x => x.Sha == sha);

    private static JsonObject Branch(BitbucketCloudUrls u, SimRepo r, string name, SimCommit head, SimStore store)
    {
        var target = BitbucketCloudActivityJson.Commit(u, r, head, store);
        target["repository"] = RepoRef(u, r);
        return new JsonObject
        {
            ["name"] = name,
            ["target"] = target,
            ["links"] = Links(("self", $"{u.Repo(r)}/refs/branches/{name}"), ("commits", $"{u.Repo(r)}/commits/{name}"), ("html", $"{u.RepoHtml(r)}/branch/{name}")),
            ["type"] = "branch",
            ["merge_strategies"] = new JsonArray("merge_commit", "squash", "fast_forward"),
            ["default_merge_strategy"] = "merge_commit",
        };
    }

    [GeneratedRegex("name\\s*(=|~)\\s*\"([^\"]*)\"")]
    private static partial Regex NameFilter();
}
