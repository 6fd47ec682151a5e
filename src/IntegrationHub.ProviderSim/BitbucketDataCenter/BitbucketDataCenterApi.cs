using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.BitbucketDataCenter;

/// <summary>Users, repositories and repository webhooks. https://developer.atlassian.com/server/bitbucket/rest/v906/api-group-repository/#api-api-latest-projects-projectkey-repos-repositoryslug-webhooks-post</summary>
internal static class BitbucketDataCenterApi
{
    private const string Repo = "/projects/{project}/repos/{slug}";

    public static void Map(RouteGroupBuilder api)
    {
        // Clients learn who they are from the X-AUSERNAME header of any authenticated answer; this is the cheap one.
        // https://developer.atlassian.com/server/bitbucket/rest/v906/api-group-system-maintenance/#api-api-latest-application-properties-get
        api.MapGet("/application-properties", () => BitbucketDataCenterResponses.Json(new JsonObject
        {
            ["version"] = "8.19.1",
            ["buildNumber"] = "8019001",
            ["buildDate"] = "1718000000000",
            ["displayName"] = "Bitbucket",
        }));

        api.MapGet("/users/{slug}", (HttpContext c, string slug, SimStore store) =>
            store.FindUser(BitbucketDataCenterProvider.Id, slug) is { } user
                ? BitbucketDataCenterResponses.Json(BitbucketDataCenterJson.User(BitbucketDataCenterRoutes.Urls(c), user))
                : BitbucketDataCenterResponses.Error(404, $"User {slug} does not exist."));

        api.MapGet("/repos", (HttpContext c, SimStore store) =>
        {
            var u = BitbucketDataCenterRoutes.Urls(c);
            var repos = store.VisibleTo(Caller.Of(c).User).Where(r => r.Provider == BitbucketDataCenterProvider.Id).ToArray();
            return BitbucketDataCenterResponses.Paged(c, repos, r => BitbucketDataCenterJson.Repo(u, r));
        });

        api.MapGet("/projects/{project}/repos", (HttpContext c, string project, SimStore store) =>
        {
            var u = BitbucketDataCenterRoutes.Urls(c);
            var caller = Caller.Of(c).User;
            var repos = store.ByOwner(BitbucketDataCenterProvider.Id, project).Where(r => !r.Private || store.CanSee(caller, r)).ToArray();
            return BitbucketDataCenterResponses.Paged(c, repos, r => BitbucketDataCenterJson.Repo(u, r));
        });

        api.MapGet(Repo, (HttpContext c, string project, string slug) => BitbucketDataCenterRoutes.Repo(c, project, slug) is { } r
            ? BitbucketDataCenterResponses.Json(BitbucketDataCenterJson.Repo(BitbucketDataCenterRoutes.Urls(c), r))
            : BitbucketDataCenterResponses.NotFound());

        api.MapGet(Repo + "/webhooks", (HttpContext c, string project, string slug, SimStore store) =>
        {
            if (BitbucketDataCenterRoutes.Repo(c, project, slug) is not { } r) return BitbucketDataCenterResponses.NotFound();
            SimHook[] hooks;
            lock (store.Gate) hooks = r.Hooks.ToArray();
            return BitbucketDataCenterResponses.Paged(c, hooks, BitbucketDataCenterJson.Hook);
        });

        api.MapPost(Repo + "/webhooks", async (HttpContext c, string project, string slug, SimStore store) =>
        {
            if (BitbucketDataCenterRoutes.Repo(c, project, slug) is not { } r) return BitbucketDataCenterResponses.NotFound();
            var body = await ReadObject(c.Request, c.RequestAborted);
            var url = Str(body, "url");
            if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out _)) return BitbucketDataCenterResponses.Error(400, "A valid URL is required.");
            var hook = new SimHook
            {
                Id = SimIds.Next(), Provider = BitbucketDataCenterProvider.Id, RepoId = r.Id, CreatedAt = store.Now, UpdatedAt = store.Now, Url = url,
                Name = Str(body, "name") ?? "webhook", Active = Bool(body, "active") ?? true,
                Secret = body["configuration"] is JsonObject cfg ? Str(cfg, "secret") : null,
                Events = ReadEvents(body) ?? ["repo:refs_changed"],
            };
            store.AddHook(r, hook);
            return BitbucketDataCenterResponses.Json(BitbucketDataCenterJson.Hook(hook), 201);
        });

        api.MapGet(Repo + "/webhooks/{id:long}", (HttpContext c, string project, string slug, long id, SimStore store) =>
            Find(c, project, slug, id, store) is { } h ? BitbucketDataCenterResponses.Json(BitbucketDataCenterJson.Hook(h)) : BitbucketDataCenterResponses.Error(404, "Webhook not found."));

        api.MapPut(Repo + "/webhooks/{id:long}", async (HttpContext c, string project, string slug, long id, SimStore store) =>
        {
            if (Find(c, project, slug, id, store) is not { } h) return BitbucketDataCenterResponses.Error(404, "Webhook not found.");
            var body = await ReadObject(c.Request, c.RequestAborted);
            lock (store.Gate)
            {
                if (Str(body, "url") is { } url) h.Url = url;
                if (Str(body, "name") is { } name) h.Name = name;
                if (Bool(body, "active") is { } a) h.Active = a;
                if (body["configuration"] is JsonObject cfg && cfg.ContainsKey("secret")) h.Secret = Str(cfg, "secret");
                if (ReadEvents(body) is { Count: > 0 } e) h.Events = e;
                h.UpdatedAt = store.Now;
            }

            return BitbucketDataCenterResponses.Json(BitbucketDataCenterJson.Hook(h));
        });

        api.MapDelete(Repo + "/webhooks/{id:long}", (HttpContext c, string project, string slug, long id, SimStore store) =>
        {
            if (Find(c, project, slug, id, store) is not { } h) return BitbucketDataCenterResponses.Error(404, "Webhook not found.");
            store.RemoveHook(h);
            return Results.NoContent();
        });
    }

    private static HashSet<string>? ReadEvents(JsonObject body) => body["events"] is JsonArray a
        ? a.Select(e => e?.GetValue<string>() ?? "").Where(e => e.Length > 0).ToHashSet(StringComparer.Ordinal)
        : null;

    private static SimHook? Find(HttpContext c, string project, string slug, long id, SimStore store)
    {
        if (BitbucketDataCenterRoutes.Repo(c, project, slug) is not { } r) return null;
        var hook = store.FindHook(id);
        return hook is not null && hook.RepoId == r.Id ? hook : null;
    }
}
