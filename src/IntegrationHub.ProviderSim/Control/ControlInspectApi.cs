using System.Text;
using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Control;

/// <summary>Inspect hooks and delivery attempts, wait for quiescence, and set faults per provider.</summary>
internal static class ControlInspectApi
{
    public static void Map(RouteGroupBuilder sim)
    {
        sim.MapGet("/hooks", (string? provider, SimStore store, ProviderCatalog providers) =>
            Results.Json(store.AllHooks(provider is null ? null : providers.Parse(provider)).Select(h => HookView(h, store)), Json.Web));

        sim.MapGet("/deliveries", (string? provider, long? hookId, string? @event, bool? body, DeliveryLog log, ProviderCatalog providers) =>
        {
            var records = log.Query(provider is null ? null : providers.Parse(provider), hookId)
                .Where(d => @event is null || d.Message.Event == @event);
            return Results.Json(records.Select(d => DeliveryView(d, log, body == true)), Json.Web);
        });

        // Waits until no delivery is queued, delayed or in flight (retries included).
        sim.MapPost("/deliveries/wait", async (int? timeoutMs, DeliveryQueue queue, CancellationToken ct) =>
        {
            var idle = await queue.WaitIdle(TimeSpan.FromMilliseconds(timeoutMs ?? 10_000), ct);
            return Results.Json(new { idle, pending = queue.Pending }, Json.Web, statusCode: idle ? 200 : 408);
        });

        sim.MapGet("/faults/{provider}", (string provider, FaultRegistry faults, ProviderCatalog providers) =>
            Results.Json(faults.Get(providers.Parse(provider)), Json.Web));
        sim.MapPut("/faults/{provider}", (string provider, FaultSettings settings, FaultRegistry faults, ProviderCatalog providers) =>
        {
            faults.Set(providers.Parse(provider), settings);
            return Results.Json(settings, Json.Web);
        });
        sim.MapDelete("/faults/{provider}", (string provider, FaultRegistry faults, ProviderCatalog providers) =>
        {
            faults.Set(providers.Parse(provider), new FaultSettings());
            return Results.NoContent();
        });
    }

    private static object HookView(SimHook h, SimStore store)
    {
        lock (store.Gate)
        {
            return new
            {
                id = h.Id,
                uuid = h.Uuid,
                provider = h.Provider.Slug,
                repo = store.FindRepo(h.RepoId)?.FullName,
                url = h.Url,
                events = h.Events.Order(StringComparer.Ordinal),
                active = h.Active,
                hasSecret = !string.IsNullOrEmpty(h.Secret),
                status = h.Status,
                recentFailures = h.RecentFailures,
                disabledUntil = h.DisabledUntil,
                permanentlyDisabled = h.PermanentlyDisabled,
                lastResponseCode = h.LastResponseCode,
                createdAt = h.CreatedAt,
            };
        }
    }

    private static object DeliveryView(DeliveryRecord d, DeliveryLog log, bool withBody) => new
    {
        id = d.Id,
        guid = d.Guid,
        hookId = d.Hook.Id,
        provider = d.Hook.Provider.Slug,
        @event = d.Message.Event,
        action = d.Message.Action,
        eventId = d.EventId,
        redelivery = d.Redelivery,
        skipped = d.SkippedReason,
        createdAt = d.CreatedAt,
        attempts = log.AttemptsOf(d).Select(a => new { number = a.Number, statusCode = a.StatusCode, durationMs = a.DurationMs, at = a.At, error = a.Error, headers = a.RequestHeaders }),
        body = withBody ? Encoding.UTF8.GetString(d.Message.Body) : null,
    };
}
