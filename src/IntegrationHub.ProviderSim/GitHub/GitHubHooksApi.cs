using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Events;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Repository webhooks and their deliveries. OAuth tokens need <c>admin:repo_hook</c>, <c>write:repo_hook</c> or
/// <c>repo</c>; without them GitHub answers 404. https://docs.github.com/rest/repos/webhooks
/// </summary>
internal static class GitHubHooksApi
{
    private const string Hooks = "/repos/{owner}/{repo}/hooks";

    public static void Map(RouteGroupBuilder root)
    {
        // A fine-grained token needs the Webhooks permission (read to list, write for the rest); GitHub answers 403.
        var api = root.MapGroup("").AddEndpointFilter(async (context, next) =>
            GitHubTokens.Permits(Caller.Of(context.HttpContext).Token, !HttpMethods.IsGet(context.HttpContext.Request.Method), "webhooks")
                ? await next(context)
                : GitHubResponses.Error(403, GitHubTokens.Refusal(Caller.Of(context.HttpContext).Token)));
        api.MapGet(Hooks, (HttpContext c, string owner, string repo, SimStore store) =>
        {
            if (Allowed(c, owner, repo) is not { } r) return GitHubResponses.NotFound();
            SimHook[] hooks;
            lock (store.Gate) hooks = r.Hooks.ToArray();
            return GitHubResponses.Paged(c, hooks, h => GitHubHookJson.Hook(GitHubRoutes.Urls(c), r, h));
        });
        api.MapPost(Hooks, Create);
        api.MapGet(Hooks + "/{id:long}", (HttpContext c, string owner, string repo, long id, SimStore store) =>
            Find(c, owner, repo, id, store) is var (r, h) ? GitHubResponses.Json(c, GitHubHookJson.Hook(GitHubRoutes.Urls(c), r, h)) : GitHubResponses.NotFound());
        api.MapMethods(Hooks + "/{id:long}", ["PATCH"], Update);
        api.MapDelete(Hooks + "/{id:long}", (HttpContext c, string owner, string repo, long id, SimStore store) =>
        {
            if (Find(c, owner, repo, id, store) is not var (_, h)) return GitHubResponses.NotFound();
            store.RemoveHook(h);
            return Results.NoContent();
        });
        api.MapPost(Hooks + "/{id:long}/pings", (HttpContext c, string owner, string repo, long id, SimStore store, GitHubWebhookFormatter formatter, EventPublisher publisher) =>
        {
            if (Find(c, owner, repo, id, store) is not var (r, h)) return GitHubResponses.NotFound();
            var guid = Guid.NewGuid();
            publisher.DeliverNow(h, formatter.Ping(RequestOrigin.Of(c), r, h, Caller.Of(c).User, guid), guid);
            return Results.NoContent();
        });
        GitHubDeliveriesApi.Map(api, Hooks);
    }

    public static SimRepo? Allowed(HttpContext c, string owner, string repo)
    {
        var token = Caller.Of(c).Token;
        // A classic personal token with scopes is held to them as an OAuth token is; one without any may do anything.
        var scoped = (token.IsPersonal && (token.Scopes.Count == 0 || GitHubTokens.IsFineGrained(token))) || token.HasScope("repo") || token.HasScope("admin:repo_hook")
            || token.HasScope("write:repo_hook") || (HttpMethods.IsGet(c.Request.Method) && token.HasScope("read:repo_hook"));
        return scoped ? GitHubRoutes.Repo(c, owner, repo) : null;
    }

    public static (SimRepo, SimHook)? Find(HttpContext c, string owner, string repo, long id, SimStore store)
    {
        if (Allowed(c, owner, repo) is not { } r) return null;
        var hook = store.FindHook(id);
        return hook is not null && hook.RepoId == r.Id ? (r, hook) : null;
    }

    private static async Task<IResult> Create(HttpContext c, string owner, string repo, SimStore store, GitHubWebhookFormatter formatter, EventPublisher publisher)
    {
        if (Allowed(c, owner, repo) is not { } r) return GitHubResponses.NotFound();
        var body = await Json.ReadObject(c.Request, c.RequestAborted);
        var config = body["config"] as JsonObject;
        var url = config is null ? null : Json.Str(config, "url");
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return Validation("Config must contain a URL");
        }

        var now = store.Now;
        var hook = new SimHook
        {
            Id = SimIds.Next(), Provider = GitHubProvider.Id, RepoId = r.Id, CreatedAt = now, UpdatedAt = now, Url = url,
            Secret = config is null ? null : Json.Str(config, "secret"),
            ContentType = (config is null ? null : Json.Str(config, "content_type")) ?? "form",
            Active = Json.Bool(body, "active") ?? true,
            Events = ReadEvents(body["events"]) ?? ["push"],
        };
        store.AddHook(r, hook);
        var guid = Guid.NewGuid();
        publisher.DeliverNow(hook, formatter.Ping(RequestOrigin.Of(c), r, hook, Caller.Of(c).User, guid), guid);
        var json = GitHubHookJson.Hook(GitHubRoutes.Urls(c), r, hook);
        c.Response.Headers.Location = (string?)json["url"];
        return GitHubResponses.Json(c, json, 201);
    }

    private static async Task<IResult> Update(HttpContext c, string owner, string repo, long id, SimStore store)
    {
        if (Find(c, owner, repo, id, store) is not var (r, h)) return GitHubResponses.NotFound();
        var body = await Json.ReadObject(c.Request, c.RequestAborted);
        lock (store.Gate)
        {
            if (body["config"] is JsonObject config)
            {
                if (Json.Str(config, "url") is { } url) h.Url = url;
                if (Json.Str(config, "content_type") is { } ct) h.ContentType = ct;
                if (config.ContainsKey("secret")) h.Secret = Json.Str(config, "secret");
            }

            if (ReadEvents(body["events"]) is { } events) h.Events = events;
            foreach (var e in ReadEvents(body["add_events"]) ?? []) h.Events.Add(e);
            foreach (var e in ReadEvents(body["remove_events"]) ?? []) h.Events.Remove(e);
            if (Json.Bool(body, "active") is { } active) h.Active = active;
            h.UpdatedAt = store.Now;
        }

        return GitHubResponses.Json(c, GitHubHookJson.Hook(GitHubRoutes.Urls(c), r, h));
    }

    private static HashSet<string>? ReadEvents(JsonNode? node) => node is JsonArray a
        ? a.Select(e => e?.GetValue<string>() ?? "").Where(e => e.Length > 0).ToHashSet(StringComparer.Ordinal)
        : null;

    private static IResult Validation(string message) => Results.Content(new JsonObject
    {
        ["message"] = "Validation Failed",
        ["errors"] = new JsonArray(new JsonObject { ["resource"] = "Hook", ["code"] = "custom", ["message"] = message }),
        ["documentation_url"] = "https://docs.github.com/rest/repos/webhooks#create-a-repository-webhook",
        ["status"] = "422",
    }.ToJsonString(), "application/json; charset=utf-8", System.Text.Encoding.UTF8, 422);
}
