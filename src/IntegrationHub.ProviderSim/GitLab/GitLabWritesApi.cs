using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Events;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.GitLab;

/// <summary>
/// Writing back: notes on merge requests and issues (they publish a Note Hook, as a person's note does), comments and
/// threads on commits (stored, no hook: the simulator has no commit note event) and commit statuses. Writes need the <c>api</c> scope; a <c>read_api</c> token gets 403 insufficient_scope.
/// Parameters come as JSON, form or query, as GitLab takes them.
/// </summary>
internal static class GitLabWritesApi
{
    private const string P = "/projects/{id}";

    public static void Map(RouteGroupBuilder api)
    {
        // https://docs.gitlab.com/api/notes/#create-new-merge-request-note, https://docs.gitlab.com/api/notes/#create-new-issue-note:
        // 201 with the note; a missing body is 400 "body is missing".
        api.MapPost(P + "/merge_requests/{iid:int}/notes", (HttpContext c, string id, int iid, SimStore store, WorldActions actions) => AddNote(c, id, iid, true, store, actions));
        api.MapPost(P + "/issues/{iid:int}/notes", (HttpContext c, string id, int iid, SimStore store, WorldActions actions) => AddNote(c, id, iid, false, store, actions));

        // https://docs.gitlab.com/api/commits/#post-comment-to-commit: {note} → 201 {note, path, line, line_type, author, created_at}.
        api.MapPost(P + "/repository/commits/{sha}/comments", async (HttpContext c, string id, string sha, SimStore store, WorldActions actions) =>
        {
            if (Writable(c, id, out var refused) is not { } r) return refused!;
            var input = await FormOrJson.Read(c.Request, c.RequestAborted);
            if (input["note"] is not { } note) return Json(new JsonObject { ["error"] = "note is missing" }, 400);
            string? resolved;
            lock (store.Gate) resolved = r.ResolveSha(sha);
            if (resolved is null) return GitLabResponses.NotFound("Commit");
            var comment = actions.CommentOnCommit(r, Caller.Of(c).User, resolved, note, input["path"]);
            lock (store.Gate)
            {
                return Json(new JsonObject
                {
                    ["note"] = comment.Body,
                    ["path"] = comment.Path,
                    ["line"] = null,
                    ["line_type"] = null,
                    ["author"] = GitLabJson.User(GitLabRoutes.Urls(c), store.User(comment.AuthorId)),
                    ["created_at"] = IsoMs(comment.CreatedAt),
                }, 201);
            }
        });

        // https://docs.gitlab.com/api/discussions/#create-a-commit-thread: {body} → 201 with the discussion and its first note.
        api.MapPost(P + "/repository/commits/{sha}/discussions", async (HttpContext c, string id, string sha, SimStore store, WorldActions actions) =>
        {
            if (Writable(c, id, out var refused) is not { } r) return refused!;
            if ((await FormOrJson.Read(c.Request, c.RequestAborted))["body"] is not { } body) return Json(new JsonObject { ["error"] = "body is missing" }, 400);
            string? resolved;
            lock (store.Gate) resolved = r.ResolveSha(sha);
            if (resolved is null) return GitLabResponses.NotFound("Commit");
            var comment = actions.CommentOnCommit(r, Caller.Of(c).User, resolved, body);
            lock (store.Gate)
            {
                var note = GitLabActivityJson.Note(GitLabRoutes.Urls(c), r, comment, store);
                note["type"] = "DiscussionNote";
                note["noteable_id"] = null;
                note["noteable_type"] = "Commit";
                note["noteable_iid"] = null;
                note["commit_id"] = resolved;
                return Json(new JsonObject
                {
                    ["id"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(BitConverter.GetBytes(comment.Id))),
                    ["individual_note"] = false,
                    ["notes"] = new JsonArray(note),
                }, 201);
            }
        });

        // https://docs.gitlab.com/api/commits/#set-the-pipeline-status-of-a-commit: state pending|running|success|failed|canceled
        // (skipped also accepted), name (default "default"), description, target_url → 201 with the status.
        api.MapPost(P + "/statuses/{sha}", async (HttpContext c, string id, string sha, SimStore store, WorldActions actions) =>
        {
            if (Writable(c, id, out var refused) is not { } r) return refused!;
            var input = await FormOrJson.Read(c.Request, c.RequestAborted);
            var state = input["state"];
            if (state is null) return Json(new JsonObject { ["error"] = "state is missing" }, 400);
            var simState = state switch
            {
                "success" => "success", "failed" => "failure", "canceled" or "skipped" => "error", "pending" or "running" => "pending", _ => null,
            };
            if (simState is null) return Json(new JsonObject { ["error"] = "state does not have a valid value" }, 400);
            string? resolved;
            lock (store.Gate) resolved = r.ResolveSha(sha);
            if (resolved is null) return GitLabResponses.NotFound("Commit");
            var (e, _) = actions.SetStatus(r, Caller.Of(c).User, resolved, simState, input["name"] ?? input["context"] ?? "default",
                input["description"], input["target_url"], RequestOrigin.Of(c), state);
            lock (store.Gate) return Json(GitLabActivityJson.Status(GitLabRoutes.Urls(c), r, e.Status!, store), 201);
        });
    }

    private static async Task<IResult> AddNote(HttpContext c, string id, int iid, bool onPull, SimStore store, WorldActions actions)
    {
        if (Writable(c, id, out var refused) is not { } r) return refused!;
        var body = (await FormOrJson.Read(c.Request, c.RequestAborted))["body"];
        if (string.IsNullOrEmpty(body)) return Json(new JsonObject { ["error"] = "body is missing" }, 400);
        try
        {
            var (e, _) = actions.Comment(r, Caller.Of(c).User, onPull, iid, body, RequestOrigin.Of(c));
            lock (store.Gate) return Json(GitLabActivityJson.Note(GitLabRoutes.Urls(c), r, e.Comment!, store), 201);
        }
        catch (KeyNotFoundException)
        {
            return GitLabResponses.NotFound(onPull ? "Merge Request" : "Issue");
        }
    }

    /// <summary>
    /// The visible project when the token has <c>api</c>; else 404 (not visible) or GitLab's 403 for a token whose scopes
    /// do not cover the call. https://docs.gitlab.com/api/rest/troubleshooting/#status-codes
    /// </summary>
    private static SimRepo? Writable(HttpContext c, string id, out IResult? refused)
    {
        refused = GitLabResponses.NotFound();
        if (GitLabRoutes.Project(c, id) is not { } r) return null;
        // https://docs.gitlab.com/user/profile/personal_access_tokens/#personal-access-token-scopes: read_api is read-only.
        if (WriteScopes.Missing(Caller.Of(c).Token, "api") is not { } scope) return r;
        refused = GitLabResponses.InsufficientScope(c, scope);
        return null;
    }

    private static IResult Json(JsonNode body, int status) => GitLabResponses.Json(body, status);
}
