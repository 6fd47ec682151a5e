using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.Events;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// A hook's deliveries, newest first, cursor-paged, and redelivery: a repository hook's here, an app's webhook's at
/// <c>/app/hook/deliveries</c> (<see cref="GitHubAppApi"/>) with the same answers. Deliveries the drop fault swallowed
/// never happened as far as GitHub is concerned, so they are not listed; nor is one not attempted yet: GitHub lists attempts
/// made, each with its outcome (status "OK" or why not), never a pending one.
/// https://docs.github.com/rest/repos/webhooks#list-deliveries-for-a-repository-webhook,
/// https://docs.github.com/rest/apps/webhooks#list-deliveries-for-an-app-webhook
/// </summary>
internal static class GitHubDeliveriesApi
{
    public static void Map(RouteGroupBuilder api, string hooks)
    {
        api.MapGet(hooks + "/{id:long}/deliveries", (HttpContext c, string owner, string repo, long id, SimStore store, DeliveryLog log) =>
            GitHubHooksApi.Find(c, owner, repo, id, store) is null ? GitHubResponses.NotFound() : List(c, log, id));

        api.MapGet(hooks + "/{id:long}/deliveries/{deliveryId:long}", (HttpContext c, string owner, string repo, long id, long deliveryId, SimStore store, DeliveryLog log) =>
            GitHubHooksApi.Find(c, owner, repo, id, store) is null ? GitHubResponses.NotFound() : Detail(c, log, id, deliveryId));

        api.MapPost(hooks + "/{id:long}/deliveries/{deliveryId:long}/attempts", (HttpContext c, string owner, string repo, long id, long deliveryId, SimStore store, DeliveryLog log, EventPublisher publisher) =>
            GitHubHooksApi.Find(c, owner, repo, id, store) is null ? GitHubResponses.NotFound() : Redeliver(log, publisher, id, deliveryId));
    }

    public static IResult List(HttpContext c, DeliveryLog log, long hookId)
    {
        var perPage = QueryValues.Int(c.Request, "per_page", 30, 1, 100);
        var all = log.ForHook(hookId).Where(d => d.SkippedReason is null && log.AttemptsOf(d).Count > 0).ToArray();
        var cursor = long.TryParse(QueryValues.Str(c.Request, "cursor"), out var cur) ? cur : long.MaxValue;
        var page = all.Where(d => d.Id < cursor).Take(perPage).ToArray();
        if (page.Length == perPage && all.Any(d => d.Id < page[^1].Id))
        {
            var next = RequestOrigin.WithQuery(c.Request, new Dictionary<string, string?> { ["cursor"] = page[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            c.Response.Headers["Link"] = $"<{next}>; rel=\"next\"";
        }

        return GitHubResponses.Json(c, new JsonArray(page.Select(d => (JsonNode?)GitHubHookJson.Delivery(d, log.AttemptsOf(d).LastOrDefault())).ToArray()));
    }

    public static IResult Detail(HttpContext c, DeliveryLog log, long hookId, long deliveryId) =>
        log.Find(deliveryId) is { } d && d.Hook.Id == hookId && d.SkippedReason is null
            ? GitHubResponses.Json(c, GitHubHookJson.DeliveryDetail(d, log.AttemptsOf(d).LastOrDefault()))
            : GitHubResponses.NotFound();

    public static IResult Redeliver(DeliveryLog log, EventPublisher publisher, long hookId, long deliveryId)
    {
        if (log.Find(deliveryId) is not { } d || d.Hook.Id != hookId || d.SkippedReason is not null) return GitHubResponses.NotFound();
        publisher.Redeliver(d);
        return Results.Content("{}", "application/json; charset=utf-8", System.Text.Encoding.UTF8, 202);
    }
}
