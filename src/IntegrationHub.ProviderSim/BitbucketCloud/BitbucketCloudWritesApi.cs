using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Events;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.BitbucketCloud;

/// <summary>
/// Writing back: comments on pull requests (<c>pullrequest:comment_created</c>), issues (<c>issue:comment_created</c>) and
/// commits, and build statuses (<c>repo:commit_status_created</c>). Scopes as in <see cref="WriteScopes"/>; a token
/// without them gets 403 naming the granted and required scopes.
/// </summary>
internal static class BitbucketCloudWritesApi
{
    private const string Repo = "/repositories/{workspace}/{slug}";
    private static readonly Dictionary<string, string> States = new(StringComparer.Ordinal)
    {
        ["SUCCESSFUL"] = "success", ["FAILED"] = "failure", ["INPROGRESS"] = "pending", ["STOPPED"] = "error",
    };

    public static void Map(RouteGroupBuilder api)
    {
        // https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pullrequests/#api-repositories-workspace-repo-slug-pullrequests-pull-request-id-comments-post
        // {content: {raw}} → 201 with the comment and its pull request.
        api.MapPost(Repo + "/pullrequests/{id:int}/comments", (HttpContext c, string workspace, string slug, int id, SimStore store, WorldActions actions) =>
            Comment(c, workspace, slug, id, onPull: true, store, actions));

        // https://developer.atlassian.com/cloud/bitbucket/rest/api-group-issue-tracker/#api-repositories-workspace-repo-slug-issues-issue-id-comments-post → 201.
        api.MapPost(Repo + "/issues/{id:int}/comments", (HttpContext c, string workspace, string slug, int id, SimStore store, WorldActions actions) =>
            Comment(c, workspace, slug, id, onPull: false, store, actions));

        // https://developer.atlassian.com/cloud/bitbucket/rest/api-group-commits/#api-repositories-workspace-repo-slug-commit-commit-comments-post → 201.
        api.MapPost(Repo + "/commit/{sha}/comments", async (HttpContext c, string workspace, string slug, string sha, SimStore store, WorldActions actions) =>
        {
            if (Writable(c, workspace, slug, WriteKind.CommitComment, out var refused) is not { } r) return refused!;
            if (await Raw(c) is not { } raw) return Required("content.raw");
            string? resolved;
            lock (store.Gate) resolved = r.ResolveSha(sha);
            if (resolved is null) return BitbucketCloudResponses.Error(404, $"Commit not found: {sha}");
            var comment = actions.CommentOnCommit(r, Caller.Of(c).User, resolved, raw);
            lock (store.Gate) return BitbucketCloudResponses.Json(BitbucketCloudWriteJson.CommitComment(BitbucketCloudRoutes.Urls(c), r, comment, store), 201);
        });

        // https://developer.atlassian.com/cloud/bitbucket/rest/api-group-commit-statuses/#api-repositories-workspace-repo-slug-commit-commit-statuses-build-post
        // {key, state: SUCCESSFUL|FAILED|INPROGRESS|STOPPED, url, name, description} → 201 with the status; key, state and url are required.
        api.MapPost(Repo + "/commit/{sha}/statuses/build", async (HttpContext c, string workspace, string slug, string sha, SimStore store, WorldActions actions) =>
        {
            if (Writable(c, workspace, slug, WriteKind.Status, out var refused) is not { } r) return refused!;
            var body = await ReadObject(c.Request, c.RequestAborted);
            var (key, state, url) = (Str(body, "key"), Str(body, "state"), Str(body, "url"));
            if (string.IsNullOrEmpty(key)) return Required("key");
            if (string.IsNullOrEmpty(url)) return Required("url");
            if (state is null || !States.TryGetValue(state, out var simState)) return Required("state");
            string? resolved;
            lock (store.Gate) resolved = r.ResolveSha(sha);
            if (resolved is null) return BitbucketCloudResponses.Error(404, $"Commit not found: {sha}");
            var (e, _) = actions.SetStatus(r, Caller.Of(c).User, resolved, simState, key, Str(body, "description"), url, RequestOrigin.Of(c), state);
            var s = e.Status!;
            return BitbucketCloudResponses.Json(BitbucketCloudActivityJson.Status(BitbucketCloudRoutes.Urls(c), r, s.Sha, key, Str(body, "name") ?? key, state,
                s.Description, s.TargetUrl, s.CreatedAt), 201);
        });
    }

    private static async Task<IResult> Comment(HttpContext c, string workspace, string slug, int id, bool onPull, SimStore store, WorldActions actions)
    {
        if (Writable(c, workspace, slug, onPull ? WriteKind.PullComment : WriteKind.IssueComment, out var refused) is not { } r) return refused!;
        if (await Raw(c) is not { } raw) return Required("content.raw");
        try
        {
            var (e, _) = actions.Comment(r, Caller.Of(c).User, onPull, id, raw, RequestOrigin.Of(c));
            var u = BitbucketCloudRoutes.Urls(c);
            lock (store.Gate)
            {
                var json = onPull
                    ? With(BitbucketCloudActivityJson.Comment(u, r, e.Comment!, store), "pullrequest", BitbucketCloudWriteJson.PullRef(u, r, e.Pull!))
                    : With(BitbucketCloudWriteJson.IssueComment(u, r, e.Comment!, store), "issue", BitbucketCloudWriteJson.Issue(u, r, e.Issue!));
                return BitbucketCloudResponses.Json(json, 201);
            }
        }
        catch (KeyNotFoundException)
        {
            return BitbucketCloudResponses.Error(404, onPull ? "Pull request not found" : "Issue not found");
        }
    }

    private static JsonObject With(JsonObject o, string key, JsonNode value)
    {
        o[key] = value;
        return o;
    }

    private static async Task<string?> Raw(HttpContext c)
    {
        var body = await ReadObject(c.Request, c.RequestAborted);
        var raw = body["content"] is JsonObject content ? Str(content, "raw") : null;
        return string.IsNullOrEmpty(raw) ? null : raw;
    }

    /// <summary>Bitbucket's 400 for a missing or invalid field: a message and the field's errors.</summary>
    private static IResult Required(string field) => BitbucketCloudResponses.Json(new JsonObject
    {
        ["type"] = "error",
        ["error"] = new JsonObject
        {
            ["message"] = "Bad request",
            ["fields"] = new JsonObject { [field] = new JsonArray("This field is required.") },
        },
    }, 400);

    /// <summary>
    /// The visible repository when the token carries the scope; else 404, or 403 "lack one or more required privilege
    /// scopes" with the granted and required scopes. https://developer.atlassian.com/cloud/bitbucket/rest/intro/#scopes
    /// </summary>
    private static SimRepo? Writable(HttpContext c, string workspace, string slug, WriteKind kind, out IResult? refused)
    {
        refused = BitbucketCloudResponses.NotFound();
        if (BitbucketCloudRoutes.Repo(c, workspace, slug) is not { } r) return null;
        var token = Caller.Of(c).Token;
        // https://developer.atlassian.com/cloud/bitbucket/bitbucket-cloud-rest-api-scopes: `pullrequest` is "read access to
        // pull requests and the ability to collaborate via comments, tasks, and approvals" (pullrequest:write is for creating,
        // merging and declining); `issue` lets an app comment on issues, and so does `repository` ("use the issue tracker
        // ... comment, vote"). A build status needs only repository
        // (https://developer.atlassian.com/cloud/bitbucket/bitbucket-api-changes-commit-status/), as commit comments do.
        var missing = kind switch
        {
            WriteKind.PullComment => WriteScopes.Missing(token, "pullrequest", "pullrequest:write"),
            WriteKind.IssueComment => WriteScopes.Missing(token, "issue", "issue:write", "repository", "repository:write"),
            _ => WriteScopes.Missing(token, "repository", "repository:write", "repository:admin"),
        };
        if (missing is not { } scope) return r;
        refused = BitbucketCloudResponses.Json(new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject
            {
                ["message"] = "Your credentials lack one or more required privilege scopes.",
                ["detail"] = new JsonObject { ["granted"] = Strings(token.Scopes), ["required"] = Strings([scope]) },
            },
        }, 403);
        return null;
    }
}
