using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitLab;

/// <summary>
/// Project hooks. The token is write-only. Any PUT re-enables an auto-disabled hook, as editing or testing it does
/// on GitLab. https://docs.gitlab.com/api/project_webhooks/
/// </summary>
internal static class GitLabHooksApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/projects/{id}/hooks", (HttpContext c, string id, SimStore store) =>
        {
            if (GitLabRoutes.Project(c, id) is not { } r) return GitLabResponses.NotFound();
            SimHook[] hooks;
            lock (store.Gate) hooks = r.Hooks.ToArray();
            return GitLabResponses.Paged(c, hooks, h => GitLabJson.Hook(h, r, store.Now));
        });

        api.MapPost("/projects/{id}/hooks", async (HttpContext c, string id, SimStore store) =>
        {
            if (GitLabRoutes.Project(c, id) is not { } r) return GitLabResponses.NotFound();
            var body = await Json.ReadObject(c.Request, c.RequestAborted);
            var url = Json.Str(body, "url");
            if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                return GitLabResponses.Json(new JsonObject { ["error"] = "url is missing" }, 400);
            }

            var hook = new SimHook
            {
                Id = SimIds.Next(), Provider = GitLabProvider.Id, RepoId = r.Id, CreatedAt = store.Now, UpdatedAt = store.Now, Url = url,
                Secret = Json.Str(body, "token"), Name = Json.Str(body, "name") ?? "",
                Events = GitLabJson.EventFlags.Where(f => Json.Bool(body, f) ?? f == "push_events").ToHashSet(StringComparer.Ordinal),
            };
            store.AddHook(r, hook);
            return GitLabResponses.Json(GitLabJson.Hook(hook, r, store.Now), 201);
        });

        api.MapGet("/projects/{id}/hooks/{hookId:long}", (HttpContext c, string id, long hookId, SimStore store) =>
            Find(c, id, hookId, store) is var (r, h) ? GitLabResponses.Json(GitLabJson.Hook(h, r, store.Now)) : GitLabResponses.NotFound("Hook"));

        api.MapPut("/projects/{id}/hooks/{hookId:long}", async (HttpContext c, string id, long hookId, SimStore store) =>
        {
            if (Find(c, id, hookId, store) is not var (r, h)) return GitLabResponses.NotFound("Hook");
            var body = await Json.ReadObject(c.Request, c.RequestAborted);
            lock (store.Gate)
            {
                if (Json.Str(body, "url") is { } url) h.Url = url;
                if (body.ContainsKey("token")) h.Secret = Json.Str(body, "token");
                if (Json.Str(body, "name") is { } name) h.Name = name;
                foreach (var flag in GitLabJson.EventFlags)
                {
                    if (Json.Bool(body, flag) is { } on)
                    {
                        if (on) h.Events.Add(flag); else h.Events.Remove(flag);
                    }
                }

                h.RecentFailures = 0;
                h.DisabledUntil = null;
                h.PermanentlyDisabled = false;
                h.UpdatedAt = store.Now;
            }

            return GitLabResponses.Json(GitLabJson.Hook(h, r, store.Now));
        });

        api.MapDelete("/projects/{id}/hooks/{hookId:long}", (HttpContext c, string id, long hookId, SimStore store) =>
        {
            if (Find(c, id, hookId, store) is not var (_, h)) return GitLabResponses.NotFound("Hook");
            store.RemoveHook(h);
            return Results.NoContent();
        });
    }

    private static (SimRepo, SimHook)? Find(HttpContext c, string id, long hookId, SimStore store)
    {
        if (GitLabRoutes.Project(c, id) is not { } r) return null;
        var hook = store.FindHook(hookId);
        return hook is not null && hook.RepoId == r.Id ? (r, hook) : null;
    }
}
