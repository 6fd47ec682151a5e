using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Lightweight tags: listed (paged, ETagged, newest name first), created through the git refs API and deleted there (see
/// <see cref="GitHubPollExtras"/> for what writing them does and does not do).
/// https://docs.github.com/rest/repos/repos#list-repository-tags, https://docs.github.com/rest/git/refs#create-a-reference
/// </summary>
internal static class GitHubPollTagsApi
{
    private const string Repo = "/repos/{owner}/{repo}";
    private const string TagsPrefix = "refs/tags/";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(Repo + "/tags", (HttpContext c, string owner, string repo, SimStore store) => GitHubPollApi.With(c, owner, repo, store, r =>
            GitHubResponses.Paged(c, GitHubPollExtras.Of(r).Tags.OrderByDescending(t => t.Key, StringComparer.Ordinal).ToArray(), t => Tag(GitHubRoutes.Urls(c), r, t.Key, t.Value))));

        api.MapPost(Repo + "/git/refs", async (HttpContext c, string owner, string repo, SimStore store) =>
        {
            if (GitHubRoutes.Repo(c, owner, repo) is not { } r) return GitHubResponses.NotFound();
            var body = await Json.ReadObject(c.Request, c.RequestAborted);
            var fullRef = Json.Str(body, "ref") ?? "";
            var sha = Json.Str(body, "sha");
            // Branches are made by pushes in the simulator; only tags are made here.
            if (!fullRef.StartsWith(TagsPrefix, StringComparison.Ordinal) || fullRef.Length == TagsPrefix.Length || string.IsNullOrEmpty(sha))
            {
                return GitHubResponses.Error(422, "Reference name or sha is not valid");
            }

            lock (store.Gate)
            {
                var tags = GitHubPollExtras.Of(r).Tags;
                var name = fullRef[TagsPrefix.Length..];
                if (tags.ContainsKey(name)) return GitHubResponses.Error(422, "Reference already exists");
                tags[name] = r.Branches.GetValueOrDefault(sha) ?? sha;
                return GitHubResponses.Json(c, Ref(GitHubRoutes.Urls(c), r, name, tags[name]), 201);
            }
        });

        api.MapDelete(Repo + "/git/refs/tags/{*tag}", (HttpContext c, string owner, string repo, string tag, SimStore store) =>
        {
            if (GitHubRoutes.Repo(c, owner, repo) is not { } r) return GitHubResponses.NotFound();
            lock (store.Gate)
            {
                return GitHubPollExtras.Of(r).Tags.Remove(tag) ? Results.StatusCode(204) : GitHubResponses.Error(422, "Reference does not exist");
            }
        });
    }

    private static JsonObject Tag(GitHubUrls u, SimRepo repo, string name, string sha) => new()
    {
        ["name"] = name,
        ["commit"] = new JsonObject { ["sha"] = sha, ["url"] = $"{u.Repo(repo)}/commits/{sha}" },
        ["zipball_url"] = $"{u.Repo(repo)}/zipball/refs/tags/{name}",
        ["tarball_url"] = $"{u.Repo(repo)}/tarball/refs/tags/{name}",
        ["node_id"] = GitHubUserJson.NodeId("03:Ref", Math.Abs((long)StableIds.From("tag:" + name).GetHashCode())),
    };

    private static JsonObject Ref(GitHubUrls u, SimRepo repo, string name, string sha) => new()
    {
        ["ref"] = TagsPrefix + name,
        ["node_id"] = GitHubUserJson.NodeId("03:Ref", Math.Abs((long)StableIds.From("tag:" + name).GetHashCode())),
        ["url"] = $"{u.Repo(repo)}/git/refs/tags/{name}",
        ["object"] = new JsonObject { ["type"] = "commit", ["sha"] = sha, ["url"] = $"{u.Repo(repo)}/git/commits/{sha}" },
    };
}
