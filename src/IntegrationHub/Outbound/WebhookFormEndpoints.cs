using System.Globalization;
using IntegrationHub.Tenancy;
using IntegrationHub.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Outbound;

/// <summary>
/// The webhook pages' actions on HTTP for scripts and tests, with the signed-in person's cookie (the
/// page calls <see cref="SubscriptionService"/> on its circuit; API keys use /api/v1/subscriptions). Form posts, so
/// antiforgery is checked; owners only, here and in the service; another tenant's id is 404.
/// </summary>
public static class WebhookFormEndpoints
{
    public static IEndpointRouteBuilder MapWebhookForms(this IEndpointRouteBuilder app)
    {
        // The group: rotate and delete bind no form field, and minimal APIs check the token only for those that do.
        var group = app.MapGroup("/settings/webhooks").RequireAuthorization(Policies.TenantOwner).RequireFormToken();
        // IFormCollection: kinds and repositories repeat (checkboxes, a multiple select); a bound form is antiforgery-checked.
        group.MapPost("/new", async (IFormCollection form, SubscriptionService subscriptions, HttpContext http, CancellationToken ct) =>
        {
            Guid[] repositories = [.. form["repositories"].Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];
            var input = new SubscriptionInput(form["url"].ToString(), [.. form["kinds"].OfType<string>()], repositories, form["description"].ToString() is { Length: > 0 } d ? d : null);
            var change = await subscriptions.CreateAsync(input, actor: null, ct);
            return Answer(change, http);
        });
        group.MapPost("/{id:guid}/rotate", async (Guid id, SubscriptionService subscriptions, HttpContext http, CancellationToken ct) =>
            Answer(await subscriptions.RotateSecretAsync(id, actor: null, ct), http));
        group.MapPost("/{id:guid}/toggle", async (Guid id, [FromForm] bool enable, SubscriptionService subscriptions, CancellationToken ct) =>
            await subscriptions.UpdateAsync(id, new SubscriptionInput(Enabled: enable), actor: null, ct) is { Value: { } s }
                ? Results.Redirect($"/settings/webhooks/{id}?done={(s.Enabled ? "enabled" : "disabled")}")
                : Results.NotFound());
        // Its page is gone with it: back to the list.
        group.MapPost("/{id:guid}/delete", async (Guid id, SubscriptionService subscriptions, CancellationToken ct) =>
            await subscriptions.DeleteAsync(id, actor: null, ct) ? Results.Redirect("/settings/webhooks") : Results.NotFound());
        // One delivery (deliveryId) or every matching event since a time (since, UTC).
        group.MapPost("/{id:guid}/replay", async (Guid id, IFormCollection form, SubscriptionDeliveries deliveries, CancellationToken ct) =>
        {
            int? queued;
            if (long.TryParse(form["deliveryId"], CultureInfo.InvariantCulture, out long deliveryId))
            {
                queued = await deliveries.ReplayOneAsync(id, deliveryId, actor: null, ct);
            }
            else if (WebhookWords.TryParseSince(form["since"], out var since))
            {
                queued = await deliveries.ReplaySinceAsync(id, since, actor: null, ct);
            }
            else
            {
                return Results.BadRequest(new { error = WebhookWords.SinceNeeded });
            }

            return queued is null ? Results.NotFound() : Results.Redirect($"/settings/webhooks/{id}?done=replayed&queued={queued}");
        });
        return app;
    }

    /// <summary>The secret is in this answer only: never cached, never in a URL.</summary>
    private static IResult Answer(SubscriptionChange change, HttpContext http)
    {
        if (change.Errors is not null)
        {
            return Results.ValidationProblem(change.Errors);
        }

        if (change.Value is not { } s)
        {
            return Results.NotFound();
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(new { id = s.Id, secret = change.Secret, previousValidUntil = s.PreviousValidUntil });
    }
}
