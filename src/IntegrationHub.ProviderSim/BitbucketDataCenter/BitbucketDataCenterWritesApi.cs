using IntegrationHub.ProviderSim.Events;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.BitbucketDataCenter;

/// <summary>
/// Writing back besides pull request comments (in <see cref="BitbucketDataCenterPollApi"/>): comments on commits and
/// build statuses. REPO_READ is enough for both, so every valid HTTP access token may write (see <see cref="WriteScopes"/>).
/// </summary>
internal static class BitbucketDataCenterWritesApi
{
    private static readonly Dictionary<string, string> States = new(StringComparer.Ordinal)
    {
        ["SUCCESSFUL"] = "success", ["FAILED"] = "failure", ["INPROGRESS"] = "pending", ["CANCELLED"] = "error", ["UNKNOWN"] = "pending",
    };

    public static void Map(RouteGroupBuilder api, RouteGroupBuilder authed)
    {
        // https://developer.atlassian.com/server/bitbucket/rest/v906/api-group-repository/#api-api-latest-projects-projectkey-repos-repositoryslug-commits-commitid-comments-post
        // {text} → 201 with the comment (id, version, text, author, createdDate, updatedDate); an unknown commit is 404.
        api.MapPost("/projects/{project}/repos/{slug}/commits/{sha}/comments", async (HttpContext c, string project, string slug, string sha, SimStore store, WorldActions actions) =>
        {
            if (BitbucketDataCenterRoutes.Repo(c, project, slug) is not { } r) return BitbucketDataCenterResponses.NotFound();
            var text = Str(await ReadObject(c.Request, c.RequestAborted), "text");
            if (string.IsNullOrEmpty(text)) return BitbucketDataCenterResponses.Error(400, "Comment text is required.");
            string? resolved;
            lock (store.Gate) resolved = r.ResolveSha(sha);
            if (resolved is null)
            {
                return BitbucketDataCenterResponses.Error(404, $"Commit '{sha}' does not exist in repository '{r.Name}'.",
                    "com.atlassian.bitbucket.commit.NoSuchCommitException");
            }

            var comment = actions.CommentOnCommit(r, Caller.Of(c).User, resolved, text);
            lock (store.Gate) return BitbucketDataCenterResponses.Json(BitbucketDataCenterJson.Comment(BitbucketDataCenterRoutes.Urls(c), r, comment, store), 201);
        });

        // https://developer.atlassian.com/server/bitbucket/how-tos/updating-build-status-for-commits/ (legacy build-status/1.0):
        // {state, key, url, name?, description?} → 204 No Content; state, key and url are required (400). The status is
        // stored against the commit id alone, so it lands on whichever visible repository has that commit.
        authed.MapPost("/rest/build-status/1.0/commits/{sha}", async (HttpContext c, string sha, SimStore store, WorldActions actions) =>
        {
            var body = await ReadObject(c.Request, c.RequestAborted);
            var (state, key, url) = (Str(body, "state"), Str(body, "key"), Str(body, "url"));
            if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(url) || state is null || !States.TryGetValue(state, out var simState))
            {
                return BitbucketDataCenterResponses.Error(400, "The build status must have a valid state, key and url.",
                    "com.atlassian.bitbucket.validation.ArgumentValidationException");
            }

            var caller = Caller.Of(c).User;
            SimRepo? repo;
            lock (store.Gate) repo = store.VisibleTo(caller).FirstOrDefault(r => r.Provider == BitbucketDataCenterProvider.Id && r.Commits.Any(x => x.Sha == sha));
            if (repo is not null)
            {
                actions.SetStatus(repo, caller, sha, simState, key, Str(body, "description") ?? Str(body, "name"), url, RequestOrigin.Of(c), state);
            }

            return Results.NoContent();
        });
    }
}
