using IntegrationHub.ProviderSim.Events;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Writing back: issue and pull request comments (a pull request is an issue for comments), commit comments and commit
/// statuses. The token needs <c>repo</c> (<c>public_repo</c> on a public repository, <c>repo:status</c> for statuses); a
/// token without it gets 404 on a private repository, as GitHub hides what the token may not see, and 403 on a public one.
/// An issue comment publishes <c>issue_comment</c> and a status <c>status</c> to the hooks, as when a person writes them.
/// </summary>
internal static class GitHubWritesApi
{
    private const string Repo = "/repos/{owner}/{repo}";
    private static readonly string[] States = ["error", "failure", "pending", "success"];

    public static void Map(RouteGroupBuilder api)
    {
        // https://docs.github.com/rest/issues/comments#create-an-issue-comment: 201, {body} required (422 "Validation Failed").
        api.MapPost(Repo + "/issues/{number:int}/comments", async (HttpContext c, string owner, string repo, int number, SimStore store, WorldActions actions) =>
        {
            if (Writable(c, owner, repo, WriteKind.IssueComment, out var refused) is not { } r) return refused!;
            var body = Json.Str(await Json.ReadObject(c.Request, c.RequestAborted), "body");
            if (string.IsNullOrEmpty(body)) return Invalid("IssueComment", "body");
            bool onPull;
            lock (store.Gate) onPull = r.Pulls.Any(p => p.Number == number);
            try
            {
                var (e, _) = actions.Comment(r, Caller.Of(c).User, onPull, number, body, RequestOrigin.Of(c));
                lock (store.Gate) return GitHubResponses.Json(c, GitHubPullJson.Comment(GitHubRoutes.Urls(c), r, e.Comment!, store), 201);
            }
            catch (KeyNotFoundException)
            {
                return GitHubResponses.NotFound();
            }
        });

        // https://docs.github.com/rest/commits/comments#create-a-commit-comment: 201; an unknown commit is 422. No webhook
        // goes out (the simulator has no commit_comment event), so only the commit comment list shows it.
        api.MapPost(Repo + "/commits/{sha}/comments", async (HttpContext c, string owner, string repo, string sha, SimStore store, WorldActions actions) =>
        {
            if (Writable(c, owner, repo, WriteKind.CommitComment, out var refused) is not { } r) return refused!;
            var json = await Json.ReadObject(c.Request, c.RequestAborted);
            var body = Json.Str(json, "body");
            if (string.IsNullOrEmpty(body)) return Invalid("CommitComment", "body");
            string? resolved;
            lock (store.Gate) resolved = r.ResolveSha(sha);
            if (resolved is null) return GitHubResponses.Error(422, $"No commit found for SHA: {sha}");
            var comment = actions.CommentOnCommit(r, Caller.Of(c).User, resolved, body, Json.Str(json, "path"));
            lock (store.Gate) return GitHubResponses.Json(c, GitHubPollCommentsApi.OnCommit(GitHubRoutes.Urls(c), r, comment, store), 201);
        });

        // https://docs.github.com/rest/commits/statuses#create-a-commit-status: 201; state must be error, failure, pending
        // or success (422); an unknown commit is 422 "No commit found for SHA".
        api.MapPost(Repo + "/statuses/{sha}", async (HttpContext c, string owner, string repo, string sha, SimStore store, WorldActions actions) =>
        {
            if (Writable(c, owner, repo, WriteKind.Status, out var refused) is not { } r) return refused!;
            var body = await Json.ReadObject(c.Request, c.RequestAborted);
            var state = Json.Str(body, "state");
            if (state is null || !States.Contains(state)) return Invalid("Status", "state");
            string? resolved;
            lock (store.Gate) resolved = r.ResolveSha(sha);
            if (resolved is null) return GitHubResponses.Error(422, $"No commit found for SHA: {sha}");
            var (e, _) = actions.SetStatus(r, Caller.Of(c).User, resolved, state, Json.Str(body, "context") ?? "default",
                Json.Str(body, "description"), Json.Str(body, "target_url"), RequestOrigin.Of(c));
            lock (store.Gate) return GitHubResponses.Json(c, GitHubCiJson.Status(GitHubRoutes.Urls(c), r, e.Status!, store), 201);
        });
    }

    /// <summary>The visible repository when the token may write to it; otherwise the refusal GitHub gives.</summary>
    private static SimRepo? Writable(HttpContext c, string owner, string repo, WriteKind kind, out IResult? refused)
    {
        refused = GitHubResponses.NotFound();
        if (GitHubRoutes.Repo(c, owner, repo) is not { } r) return null;
        // https://docs.github.com/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps: repo, or public_repo on a
        // public repository; repo:status is enough for commit statuses.
        string[] alternatives = [.. r.Private ? Array.Empty<string>() : ["public_repo"], .. kind == WriteKind.Status ? ["repo:status"] : Array.Empty<string>()];
        var token = Caller.Of(c).Token;
        if (GitHubTokens.HasPermissions(token))
        {
            string[] permissions = kind switch
            {
                WriteKind.Status => ["statuses"],
                WriteKind.CommitComment => ["contents"],
                _ => ["pull_requests", "issues"],
            };
            refused = GitHubResponses.Error(403, GitHubTokens.Refusal(token));
            return GitHubTokens.Permits(token, write: true, permissions) ? r : null;
        }

        if (WriteScopes.Missing(token, "repo", alternatives) is null) return r;
        if (!r.Private) refused = GitHubResponses.Error(403, "Resource not accessible by personal access token");
        return null;
    }

    /// <summary>GitHub's 422 with an <c>errors</c> entry naming the field. https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api</summary>
    private static IResult Invalid(string resource, string field) => Results.Content(
        new System.Text.Json.Nodes.JsonObject
        {
            ["message"] = "Validation Failed",
            ["errors"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["resource"] = resource, ["code"] = "missing_field", ["field"] = field }),
            ["documentation_url"] = "https://docs.github.com/rest",
            ["status"] = "422",
        }.ToJsonString(), "application/json; charset=utf-8", System.Text.Encoding.UTF8, 422);
}
