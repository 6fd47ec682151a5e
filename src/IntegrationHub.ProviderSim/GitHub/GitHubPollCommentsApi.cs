using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Review comments and commit comments of a repository, paged and ETagged like the rest (see <see cref="GitHubPollExtras"/>
/// for what writing review comments does and does not do; commit comments are written by <see cref="GitHubWritesApi"/> and
/// publish no event either). Review comments take <c>since</c> (on updated_at), <c>sort</c> and <c>direction</c>; commit
/// comments take neither and run oldest first.
/// https://docs.github.com/rest/pulls/comments#list-review-comments-in-a-repository,
/// https://docs.github.com/rest/commits/comments#list-commit-comments-for-a-repository
/// </summary>
internal static class GitHubPollCommentsApi
{
    private const string Repo = "/repos/{owner}/{repo}";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(Repo + "/pulls/comments", (HttpContext c, string owner, string repo, SimStore store) => GitHubPollApi.With(c, owner, repo, store, r =>
        {
            var since = QueryValues.Time(c.Request, "since");
            var items = GitHubPollExtras.Of(r).ReviewComments.Where(x => since is null || x.CreatedAt >= since).OrderBy(x => x.CreatedAt).ThenBy(x => x.Id).ToArray();
            if (QueryValues.Str(c.Request, "direction") == "desc") System.Array.Reverse(items);
            return GitHubResponses.Paged(c, items, x => Review(GitHubRoutes.Urls(c), r, x, store));
        }));

        api.MapGet(Repo + "/comments", (HttpContext c, string owner, string repo, SimStore store) => GitHubPollApi.With(c, owner, repo, store, r =>
            GitHubResponses.Paged(c, r.CommitComments.OrderBy(x => x.Id).ToArray(), x => OnCommit(GitHubRoutes.Urls(c), r, x, store))));

        api.MapPost(Repo + "/pulls/{number:int}/comments", async (HttpContext c, string owner, string repo, int number, SimStore store) =>
        {
            if (GitHubRoutes.Repo(c, owner, repo) is not { } r) return GitHubResponses.NotFound();
            var body = await ReadObject(c.Request, c.RequestAborted);
            if (string.IsNullOrEmpty(Str(body, "body"))) return GitHubResponses.Error(422, "Validation Failed");
            lock (store.Gate)
            {
                if (r.Pulls.FirstOrDefault(p => p.Number == number) is not { } pull) return GitHubResponses.NotFound();
                var comment = new GitHubPollComment(SimIds.Next(), Caller.Of(c).User.Id, Str(body, "body")!, Str(body, "commit_id") ?? pull.HeadSha,
                    number, Str(body, "path") ?? "README.md", store.Now);
                GitHubPollExtras.Of(r).ReviewComments.Add(comment);
                pull.UpdatedAt = store.Now;
                return GitHubResponses.Json(c, Review(GitHubRoutes.Urls(c), r, comment, store), 201);
            }
        });
    }

    private static JsonObject Review(GitHubUrls u, SimRepo repo, GitHubPollComment x, SimStore store) => new()
    {
        ["url"] = $"{u.Repo(repo)}/pulls/comments/{x.Id}",
        ["pull_request_review_id"] = x.Id + 1,
        ["id"] = x.Id,
        ["node_id"] = GitHubUserJson.NodeId("024:PullRequestReviewComment", x.Id),
        ["diff_hunk"] = "@@ -1 +1 @@",
        ["path"] = x.Path,
        ["commit_id"] = x.CommitSha,
        ["original_commit_id"] = x.CommitSha,
        ["user"] = GitHubUserJson.User(u, store.User(x.AuthorId)),
        ["body"] = x.Body,
        ["created_at"] = Iso(x.CreatedAt),
        ["updated_at"] = Iso(x.CreatedAt),
        ["html_url"] = $"{u.RepoHtml(repo)}/pull/{x.PullNumber}#discussion_r{x.Id}",
        ["pull_request_url"] = $"{u.Repo(repo)}/pulls/{x.PullNumber}",
        ["author_association"] = "OWNER",
        ["line"] = 1,
        ["side"] = "RIGHT",
    };

    /// <summary>A commit comment. https://docs.github.com/rest/commits/comments#create-a-commit-comment</summary>
    internal static JsonObject OnCommit(GitHubUrls u, SimRepo repo, SimComment x, SimStore store) => new()
    {
        ["html_url"] = $"{u.RepoHtml(repo)}/commit/{x.CommitSha}#commitcomment-{x.Id}",
        ["url"] = $"{u.Repo(repo)}/comments/{x.Id}",
        ["id"] = x.Id,
        ["node_id"] = GitHubUserJson.NodeId("013:CommitComment", x.Id),
        ["body"] = x.Body,
        ["path"] = x.Path,
        ["position"] = null,
        ["line"] = null,
        ["commit_id"] = x.CommitSha,
        ["user"] = GitHubUserJson.User(u, store.User(x.AuthorId)),
        ["author_association"] = "OWNER",
        ["created_at"] = Iso(x.CreatedAt),
        ["updated_at"] = Iso(x.CreatedAt),
    };
}
