using IntegrationHub.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Outbound;

/// <summary>
/// /api/v1/subscriptions: outbound webhooks of the key's tenant. Every route, reads included, needs subscriptions:write:
/// a subscription's URL may carry the receiver's own token in its query, and its attempt log shows what the receiver
/// answered, so reading them is as sensitive as changing them (events:read alone does not show them). Another tenant's
/// subscription is 404, exactly like one that does not exist.
/// </summary>
public static class SubscriptionsApi
{
    private const string NotFoundDetail = "This tenant has no subscription with that id.";

    public static RouteGroupBuilder MapSubscriptionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/subscriptions").RequireAuthorization(ApiScopes.SubscriptionsWrite).WithTags("Subscriptions");
        group.MapPost("", CreateAsync).WithName("CreateSubscription")
            .WithSummary("Subscribe a URL to the tenant's events; the answer holds the signing secret, shown only this once.");
        group.MapGet("", ListAsync).WithName("ListSubscriptions").WithSummary("The tenant's subscriptions.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetSubscription").WithSummary("One subscription.");
        group.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateSubscription")
            .WithSummary("Change url, kinds, repositories, description or enabled; fields left out stay as they are.");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteSubscription").WithSummary("Delete a subscription and its delivery log.");
        group.MapPost("/{id:guid}/rotate-secret", RotateAsync).WithName("RotateSubscriptionSecret")
            .WithSummary("A new signing secret; the previous one also signs (a second signature) until previousValidUntil.");
        group.MapGet("/{id:guid}/attempts", AttemptsAsync).WithName("ListSubscriptionAttempts")
            .WithSummary("Delivery attempts, newest first: status, duration and the first 1 KB of the answer.");
        group.MapPost("/{id:guid}/replay", ReplayAsync).WithName("ReplaySubscription")
            .WithSummary("Send one delivery again (deliveryId), or every matching event recorded since a time (since).");
        return api;
    }

    private static async Task<Results<Created<SubscriptionJson>, ValidationProblem>> CreateAsync(SubscriptionRequest request, HttpContext http,
        SubscriptionService service, TimeProvider clock, CancellationToken ct)
    {
        var change = await service.CreateAsync(request.ToInput() with { Enabled = null }, Actor(http), ct);
        return change.Errors is { } errors
            ? Invalid(errors)
            : TypedResults.Created($"{ApiSetup.Prefix}/subscriptions/{change.Value!.Id}", SubscriptionJson.From(change.Value, clock.GetUtcNow(), change.Secret));
    }

    private static async Task<Ok<SubscriptionList>> ListAsync(SubscriptionService service, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new SubscriptionList([.. (await service.ListAsync(ct)).Select(s => SubscriptionJson.From(s, now))]));
    }

    private static async Task<Results<Ok<SubscriptionJson>, ProblemHttpResult>> GetAsync(Guid id, SubscriptionService service, TimeProvider clock,
        CancellationToken ct) =>
        await service.FindAsync(id, ct) is { } s ? TypedResults.Ok(SubscriptionJson.From(s, clock.GetUtcNow())) : NotFound();

    private static async Task<Results<Ok<SubscriptionJson>, ValidationProblem, ProblemHttpResult>> UpdateAsync(Guid id, SubscriptionRequest request,
        HttpContext http, SubscriptionService service, TimeProvider clock, CancellationToken ct)
    {
        var change = await service.UpdateAsync(id, request.ToInput(), Actor(http), ct);
        if (change.Errors is { } errors)
        {
            return Invalid(errors);
        }

        return change.Value is { } s ? TypedResults.Ok(SubscriptionJson.From(s, clock.GetUtcNow())) : NotFound();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, SubscriptionService service, CancellationToken ct) =>
        await service.DeleteAsync(id, Actor(http), ct) ? TypedResults.NoContent() : NotFound();

    private static async Task<Results<Ok<RotatedSecret>, ProblemHttpResult>> RotateAsync(Guid id, HttpContext http, SubscriptionService service,
        CancellationToken ct) =>
        await service.RotateSecretAsync(id, Actor(http), ct) is { Value: { } s, Secret: { } secret }
            ? TypedResults.Ok(new RotatedSecret(secret, s.PreviousValidUntil))
            : NotFound();

    private static async Task<Results<Ok<AttemptPage>, ValidationProblem, ProblemHttpResult>> AttemptsAsync(Guid id, SubscriptionDeliveries deliveries,
        CancellationToken ct, long? before = null, int? limit = null)
    {
        int take = limit ?? 100;
        if (take is < 1 or > 500)
        {
            return Invalid(new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 500."] });
        }

        if (await deliveries.AttemptsAsync(id, before, take, ct) is not { } attempts)
        {
            return NotFound();
        }

        string? next = attempts.Count == take ? attempts[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new AttemptPage(attempts, next));
    }

    private static async Task<Results<Accepted<ReplayQueued>, ValidationProblem, ProblemHttpResult>> ReplayAsync(Guid id, ReplayRequest request,
        HttpContext http, SubscriptionDeliveries deliveries, CancellationToken ct)
    {
        if ((request.DeliveryId is null) == (request.Since is null))
        {
            return Invalid(new Dictionary<string, string[]> { ["replay"] = ["Give either deliveryId (one delivery) or since (an ISO time), not both."] });
        }

        int? queued = request.DeliveryId is { } deliveryId
            ? await deliveries.ReplayOneAsync(id, deliveryId, Actor(http), ct)
            : await deliveries.ReplaySinceAsync(id, request.Since!.Value, Actor(http), ct);
        return queued switch
        {
            null => NotFound(),
            0 when request.DeliveryId is not null => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found",
                detail: "This subscription has no delivery with that id."),
            _ => TypedResults.Accepted((string?)null, new ReplayQueued(queued.Value)),
        };
    }

    private static string Actor(HttpContext http) => ApiCaller.From(http.User).Actor;

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: NotFoundDetail);

    private static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(e => e)));
}
