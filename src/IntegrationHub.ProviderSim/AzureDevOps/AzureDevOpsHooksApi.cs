using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.AzureDevOps;

/// <summary>
/// Service hook subscriptions, one event type each, scoped to a repository by <c>publisherInputs.repository</c>
/// (required here). https://learn.microsoft.com/azure/devops/service-hooks/create-subscription
/// </summary>
internal static class AzureDevOpsHooksApi
{
    private const string Subs = "/_apis/hooks/subscriptions";

    public static readonly string[] EventTypes =
        ["git.push", "git.pullrequest.created", "git.pullrequest.updated", "git.pullrequest.merged", "ms.vss-code.git-pullrequest-comment-event", "build.complete"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(Subs, (HttpContext c, string org, SimStore store) =>
        {
            var u = AzureDevOpsRoutes.Urls(c, org);
            var hooks = store.AllHooks(AzureDevOpsProvider.Id).Select(h => (h, r: store.FindRepo(h.RepoId)))
                .Where(x => x.r is not null && string.Equals(x.r.Owner, org, StringComparison.OrdinalIgnoreCase)).ToArray();
            return AzureDevOpsResponses.List(c, hooks, x => Render(u, x.r!, x.h, store));
        });

        api.MapPost(Subs, async (HttpContext c, string org, SimStore store) =>
        {
            var body = await ReadObject(c.Request, c.RequestAborted);
            var error = Read(c, org, body, out var repo, out var eventType, out var consumer);
            if (error is not null) return error;
            var hook = new SimHook
            {
                Id = SimIds.Next(), Provider = AzureDevOpsProvider.Id, RepoId = repo!.Id, CreatedAt = store.Now, UpdatedAt = store.Now,
                Url = Str(consumer!, "url")!, BasicUser = Str(consumer!, "basicAuthUsername"), BasicPassword = Str(consumer!, "basicAuthPassword"),
                Events = [eventType!], Name = Caller.Of(c).User.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            store.AddHook(repo, hook);
            return AzureDevOpsResponses.Json(Render(AzureDevOpsRoutes.Urls(c, org), repo, hook, store));
        });

        api.MapGet(Subs + "/{id:guid}", (HttpContext c, string org, Guid id, SimStore store) =>
            Find(org, id, store) is var (r, h) ? AzureDevOpsResponses.Json(Render(AzureDevOpsRoutes.Urls(c, org), r, h, store)) : SubscriptionNotFound(id));

        api.MapPut(Subs + "/{id:guid}", async (HttpContext c, string org, Guid id, SimStore store) =>
        {
            if (Find(org, id, store) is not var (r, h)) return SubscriptionNotFound(id);
            var body = await ReadObject(c.Request, c.RequestAborted);
            lock (store.Gate)
            {
                if (body["consumerInputs"] is JsonObject consumer)
                {
                    if (Str(consumer, "url") is { } url) h.Url = url;
                    if (consumer.ContainsKey("basicAuthUsername")) h.BasicUser = Str(consumer, "basicAuthUsername");
                    if (Str(consumer, "basicAuthPassword") is { } pw && pw != "********") h.BasicPassword = pw;
                }

                if (Str(body, "eventType") is { } et && EventTypes.Contains(et)) h.Events = [et];
                // Updating re-enables a subscription put on probation or disabled by the system.
                h.Status = Str(body, "status") ?? "enabled";
                h.ProbationRetries = 0;
                h.UpdatedAt = store.Now;
            }

            return AzureDevOpsResponses.Json(Render(AzureDevOpsRoutes.Urls(c, org), r, h, store));
        });

        api.MapDelete(Subs + "/{id:guid}", (string org, Guid id, SimStore store) =>
        {
            if (Find(org, id, store) is not var (_, h)) return SubscriptionNotFound(id);
            store.RemoveHook(h);
            return Results.NoContent();
        });
    }

    private static IResult? Read(HttpContext c, string org, JsonObject body, out SimRepo? repo, out string? eventType, out JsonObject? consumer)
    {
        repo = null;
        consumer = body["consumerInputs"] as JsonObject;
        eventType = Str(body, "eventType");
        if (Str(body, "publisherId") != "tfs" || Str(body, "consumerId") != "webHooks")
        {
            return AzureDevOpsResponses.Error(400, "Only publisher 'tfs' with consumer 'webHooks' is supported.", "InvalidSubscriptionException");
        }

        if (eventType is null || !EventTypes.Contains(eventType))
        {
            return AzureDevOpsResponses.Error(400, $"Event type '{eventType}' is not supported.", "EventTypeNotFoundException");
        }

        if (consumer is null || !Uri.TryCreate(Str(consumer, "url"), UriKind.Absolute, out _))
        {
            return AzureDevOpsResponses.Error(400, "The consumer input 'url' is required.", "InvalidSubscriptionException");
        }

        var repoId = body["publisherInputs"] is JsonObject pub ? Str(pub, "repository") : null;
        repo = Guid.TryParse(repoId, out var id) ? AzureDevOpsRoutes.RepoById(c, org, id) : null;
        return repo is null ? AzureDevOpsResponses.NotFound("Git repository with identifier " + repoId) : null;
    }

    private static JsonObject Render(AzureDevOpsUrls u, SimRepo r, SimHook h, SimStore store) =>
        AzureDevOpsSubscriptionJson.Render(u, r, h, store.FindUser(long.TryParse(h.Name, out var uid) ? uid : r.OwnerUserId) ?? store.User(r.OwnerUserId));

    private static (SimRepo, SimHook)? Find(string org, Guid id, SimStore store)
    {
        var hook = store.AllHooks(AzureDevOpsProvider.Id).FirstOrDefault(h => h.Uuid == id);
        var repo = hook is null ? null : store.FindRepo(hook.RepoId);
        return repo is not null && string.Equals(repo.Owner, org, StringComparison.OrdinalIgnoreCase) ? (repo, hook!) : null;
    }

    private static IResult SubscriptionNotFound(Guid id) =>
        AzureDevOpsResponses.Error(404, $"VS1050030: Subscription {id} does not exist.", "SubscriptionNotFoundException");
}
