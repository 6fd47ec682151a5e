using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.BitbucketCloud;

/// <summary>
/// The current user, repositories and repository webhooks (with <c>secret</c>, write-only).
/// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-repositories/#api-repositories-workspace-repo-slug-hooks-post
/// </summary>
internal static class BitbucketCloudApi
{
    private const string Repo = "/repositories/{workspace}/{slug}";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/user", (HttpContext c) =>
        {
            var user = Caller.Of(c).User;
            var o = BitbucketCloudJson.Account(BitbucketCloudRoutes.Urls(c), user);
            o["type"] = "user";
            o["created_on"] = IsoMs(user.CreatedAt);
            return BitbucketCloudResponses.Json(o);
        });

        api.MapGet("/repositories", (HttpContext c, SimStore store) =>
        {
            if (QueryValues.Str(c.Request, "role") is null) return BitbucketCloudResponses.Error(400, "role is required");
            var u = BitbucketCloudRoutes.Urls(c);
            var repos = store.VisibleTo(Caller.Of(c).User).Where(r => r.Provider == BitbucketCloudProvider.Id).ToArray();
            return BitbucketCloudResponses.Paged(c, repos, r => BitbucketCloudJson.Repo(u, r));
        });

        api.MapGet("/repositories/{workspace}", (HttpContext c, string workspace, SimStore store) =>
        {
            var u = BitbucketCloudRoutes.Urls(c);
            var caller = Caller.Of(c).User;
            var repos = store.ByOwner(BitbucketCloudProvider.Id, workspace).Where(r => !r.Private || store.CanSee(caller, r)).ToArray();
            return BitbucketCloudResponses.Paged(c, repos, r => BitbucketCloudJson.Repo(u, r));
        });

        api.MapGet(Repo, (HttpContext c, string workspace, string slug) => BitbucketCloudRoutes.Repo(c, workspace, slug) is { } r
            ? BitbucketCloudResponses.Json(BitbucketCloudJson.Repo(BitbucketCloudRoutes.Urls(c), r))
            : BitbucketCloudResponses.NotFound());

        api.MapGet(Repo + "/hooks", (HttpContext c, string workspace, string slug, SimStore store) =>
        {
            if (BitbucketCloudRoutes.Repo(c, workspace, slug) is not { } r) return BitbucketCloudResponses.NotFound();
            SimHook[] hooks;
            lock (store.Gate) hooks = r.Hooks.ToArray();
            return BitbucketCloudResponses.Paged(c, hooks, h => BitbucketCloudJson.Hook(BitbucketCloudRoutes.Urls(c), r, h));
        });

        api.MapPost(Repo + "/hooks", async (HttpContext c, string workspace, string slug, SimStore store) =>
        {
            if (BitbucketCloudRoutes.Repo(c, workspace, slug) is not { } r) return BitbucketCloudResponses.NotFound();
            var body = await ReadObject(c.Request, c.RequestAborted);
            var url = Str(body, "url");
            var events = ReadEvents(body);
            if (string.IsNullOrEmpty(url) || events is not { Count: > 0 }) return BitbucketCloudResponses.Error(400, "url and events are required");
            var hook = new SimHook
            {
                Id = SimIds.Next(), Provider = BitbucketCloudProvider.Id, RepoId = r.Id, CreatedAt = store.Now, UpdatedAt = store.Now,
                Url = url, Name = Str(body, "description") ?? "", Secret = Str(body, "secret"), Active = Bool(body, "active") ?? true, Events = events,
            };
            store.AddHook(r, hook);
            return BitbucketCloudResponses.Json(BitbucketCloudJson.Hook(BitbucketCloudRoutes.Urls(c), r, hook), 201);
        });

        api.MapGet(Repo + "/hooks/{uid}", (HttpContext c, string workspace, string slug, string uid, SimStore store) =>
            Find(c, workspace, slug, uid, store) is var (r, h) ? BitbucketCloudResponses.Json(BitbucketCloudJson.Hook(BitbucketCloudRoutes.Urls(c), r, h)) : BitbucketCloudResponses.Error(404, "Hook not found"));

        api.MapPut(Repo + "/hooks/{uid}", async (HttpContext c, string workspace, string slug, string uid, SimStore store) =>
        {
            if (Find(c, workspace, slug, uid, store) is not var (r, h)) return BitbucketCloudResponses.Error(404, "Hook not found");
            var body = await ReadObject(c.Request, c.RequestAborted);
            lock (store.Gate)
            {
                if (Str(body, "url") is { } url) h.Url = url;
                if (Str(body, "description") is { } d) h.Name = d;
                if (body.ContainsKey("secret")) h.Secret = Str(body, "secret");
                if (Bool(body, "active") is { } a) h.Active = a;
                if (ReadEvents(body) is { Count: > 0 } e) h.Events = e;
                h.UpdatedAt = store.Now;
            }

            return BitbucketCloudResponses.Json(BitbucketCloudJson.Hook(BitbucketCloudRoutes.Urls(c), r, h));
        });

        api.MapDelete(Repo + "/hooks/{uid}", (HttpContext c, string workspace, string slug, string uid, SimStore store) =>
        {
            if (Find(c, workspace, slug, uid, store) is not var (_, h)) return BitbucketCloudResponses.Error(404, "Hook not found");
            store.RemoveHook(h);
            return Results.NoContent();
        });
    }

    private static HashSet<string>? ReadEvents(JsonObject body) => body["events"] is JsonArray a
        ? a.Select(e => e?.GetValue<string>() ?? "").Where(e => e.Length > 0).ToHashSet(StringComparer.Ordinal)
        : null;

    private static (SimRepo, SimHook)? Find(HttpContext c, string workspace, string slug, string uid, SimStore store)
    {
        if (BitbucketCloudRoutes.Repo(c, workspace, slug) is not { } r) return null;
        var key = Uri.UnescapeDataString(uid).Trim('{', '}');
        lock (store.Gate)
        {
            var hook = r.Hooks.FirstOrDefault(h => h.Uuid.ToString() == key);
            return hook is null ? null : (r, hook);
        }
    }
}
