using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Events;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.AzureDevOps;

/// <summary>
/// Writing back: a pull request comment is a new thread or a reply in one (both publish the comment event to the
/// service hooks), and commit statuses. Comments need vso.code_write, statuses vso.code_status; a PAT without them gets 403.
/// Azure DevOps has no comments on bare commits.
/// </summary>
internal static class AzureDevOpsWritesApi
{
    private const string Repo = "/{project}/_apis/git/repositories/{repo}";
    private static readonly Dictionary<string, string> States = new(StringComparer.OrdinalIgnoreCase)
    {
        ["succeeded"] = "success", ["failed"] = "failure", ["pending"] = "pending", ["error"] = "error", ["notSet"] = "pending", ["notApplicable"] = "success",
    };

    public static void Map(RouteGroupBuilder api)
    {
        // https://learn.microsoft.com/rest/api/azure/devops/git/pull-request-threads/create?view=azure-devops-rest-7.1:
        // {comments: [{parentCommentId: 0, content, commentType: 1}], status: 1} → 200 with the thread.
        api.MapPost(Repo + "/pullrequests/{id:int}/threads", async (HttpContext c, string org, string project, string repo, int id, SimStore store, WorldActions actions) =>
        {
            if (Writable(c, org, project, repo, WriteKind.PullComment, out var refused) is not { } r) return refused!;
            var body = await ReadObject(c.Request, c.RequestAborted);
            var content = body["comments"] is JsonArray { Count: > 0 } comments && comments[0] is JsonObject first ? Str(first, "content") : null;
            if (string.IsNullOrEmpty(content)) return AzureDevOpsResponses.Error(400, "A thread needs a comment with content.", "InvalidArgumentValueException");
            try
            {
                var (e, _) = actions.Comment(r, Caller.Of(c).User, true, id, content, RequestOrigin.Of(c));
                lock (store.Gate) return AzureDevOpsResponses.Json(AzureDevOpsJson.Thread(AzureDevOpsRoutes.Urls(c, org), r, [e.Comment!], store));
            }
            catch (KeyNotFoundException)
            {
                return AzureDevOpsResponses.Error(404, "TF401180: The requested pull request was not found.", "GitPullRequestNotFoundException");
            }
        });

        // https://learn.microsoft.com/rest/api/azure/devops/git/pull-request-thread-comments/create?view=azure-devops-rest-7.1:
        // {content, parentCommentId, commentType} → 200 with the comment.
        api.MapPost(Repo + "/pullrequests/{id:int}/threads/{threadId:long}/comments", async (HttpContext c, string org, string project, string repo, int id, long threadId,
            SimStore store, WorldActions actions) =>
        {
            if (Writable(c, org, project, repo, WriteKind.PullComment, out var refused) is not { } r) return refused!;
            var content = Str(await ReadObject(c.Request, c.RequestAborted), "content");
            if (string.IsNullOrEmpty(content)) return AzureDevOpsResponses.Error(400, "A comment needs content.", "InvalidArgumentValueException");
            try
            {
                var (e, _) = actions.Comment(r, Caller.Of(c).User, true, id, content, RequestOrigin.Of(c), threadId);
                lock (store.Gate) return AzureDevOpsResponses.Json(AzureDevOpsJson.Comment(AzureDevOpsRoutes.Urls(c, org), r, e.Comment!, store));
            }
            catch (KeyNotFoundException)
            {
                return AzureDevOpsResponses.Error(404, "TF401181: The requested pull request thread was not found.", "GitPullRequestCommentThreadNotFoundException");
            }
        });

        // https://learn.microsoft.com/rest/api/azure/devops/git/statuses/create?view=azure-devops-rest-7.1:
        // {state: succeeded|failed|pending|error|notSet|notApplicable, description, targetUrl, context: {name, genre}}. The
        // reference lists 200, as it does for every create; the service answers creates with 201 Created
        // (https://github.com/MicrosoftDocs/feedback/issues/3025), which is what the simulator sends.
        api.MapPost(Repo + "/commits/{sha}/statuses", async (HttpContext c, string org, string project, string repo, string sha, SimStore store, WorldActions actions) =>
        {
            if (Writable(c, org, project, repo, WriteKind.Status, out var refused) is not { } r) return refused!;
            var body = await ReadObject(c.Request, c.RequestAborted);
            var state = Str(body, "state");
            var context = body["context"] as JsonObject;
            var name = context is null ? null : Str(context, "name");
            if (state is null || !States.TryGetValue(state, out var simState) || string.IsNullOrEmpty(name))
            {
                return AzureDevOpsResponses.Error(400, "The status must have a valid state and a context with a name.", "InvalidArgumentValueException");
            }

            string? resolved;
            lock (store.Gate) resolved = r.ResolveSha(sha);
            if (resolved is null) return AzureDevOpsResponses.Error(404, $"TF401175:The version descriptor <Commit: {sha}> could not be resolved to a version in the repository {r.Name}", "GitUnresolvableToCommitException");
            var genre = Str(context!, "genre");
            var (e, _) = actions.SetStatus(r, Caller.Of(c).User, resolved, simState, genre is null ? name : $"{genre}/{name}",
                Str(body, "description"), Str(body, "targetUrl"), RequestOrigin.Of(c), state);
            lock (store.Gate) return AzureDevOpsResponses.Json(Status(AzureDevOpsRoutes.Urls(c, org), r, e.Status!, name, genre, store), 201);
        });
    }

    /// <summary>A GitStatus. https://learn.microsoft.com/rest/api/azure/devops/git/statuses/create#gitstatus</summary>
    private static JsonObject Status(AzureDevOpsUrls u, SimRepo r, SimStatus s, string name, string? genre, SimStore store) => new()
    {
        ["id"] = s.Id,
        ["state"] = s.ProviderState,
        ["description"] = s.Description,
        ["context"] = new JsonObject { ["name"] = name, ["genre"] = genre },
        ["creationDate"] = IsoMs(s.CreatedAt),
        ["updatedDate"] = IsoMs(s.CreatedAt),
        ["createdBy"] = AzureDevOpsJson.Identity(u, store.User(s.CreatorId)),
        ["targetUrl"] = s.TargetUrl,
        ["url"] = $"{u.Repo(r)}/commits/{s.Sha}/statuses/{s.Id}",
        ["_links"] = new JsonObject
        {
            ["self"] = new JsonObject { ["href"] = $"{u.Repo(r)}/commits/{s.Sha}/statuses/{s.Id}" },
            ["repository"] = new JsonObject { ["href"] = u.Repo(r) },
            ["commit"] = new JsonObject { ["href"] = $"{u.Repo(r)}/commits/{s.Sha}" },
        },
    };

    /// <summary>The visible repository when the PAT has the scope; else 404, or 403 naming the scope it lacks.</summary>
    private static SimRepo? Writable(HttpContext c, string org, string project, string repo, WriteKind kind, out IResult? refused)
    {
        refused = AzureDevOpsResponses.NotFound("Git repository with name or identifier " + repo);
        if (AzureDevOpsRoutes.Repo(c, org, project, repo) is not { } r) return null;
        // https://learn.microsoft.com/rest/api/azure/devops/git/statuses/create: vso.code_status or vso.code_write;
        // threads and comments need vso.code_write.
        var missing = kind == WriteKind.Status
            ? WriteScopes.Missing(Caller.Of(c).Token, "vso.code_status", "vso.code_write", "vso.code_manage", "vso.code_full")
            : WriteScopes.Missing(Caller.Of(c).Token, "vso.code_write", "vso.code_manage", "vso.code_full");
        if (missing is not { } scope) return r;
        refused = AzureDevOpsResponses.Error(403,
            $"TF400813: The user is not authorized to access this resource: the personal access token lacks the scope '{scope}'.", "UnauthorizedRequestException");
        return null;
    }
}
