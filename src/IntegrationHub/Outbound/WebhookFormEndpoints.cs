using IntegrationHub.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Outbound;

/// <summary>
/// The webhooks page's create and rotate actions on HTTP for scripts and tests, with the signed-in person's cookie (the
/// page calls <see cref="SubscriptionService"/> on its circuit; API keys use /api/v1/subscriptions). Form posts, so
/// antiforgery is checked; owners only, here and in the service; another tenant's id is 404.
/// </summary>
public static class WebhookFormEndpoints
{
    public static IEndpointRouteBuilder MapWebhookForms(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/settings/webhooks").RequireAuthorization(Policies.TenantOwner);
        group.MapPost("/new", async ([FromForm] string? url, [FromForm] string? description, [FromForm] string[]? kinds, [FromForm] Guid[]? repositories,
            SubscriptionService subscriptions, HttpContext http, CancellationToken ct) =>
        {
            var change = await subscriptions.CreateAsync(new SubscriptionInput(url ?? "", kinds ?? [], repositories ?? [], description), actor: null, ct);
            return Answer(change, http);
        });
        group.MapPost("/{id:guid}/rotate", async (Guid id, SubscriptionService subscriptions, HttpContext http, CancellationToken ct) =>
            Answer(await subscriptions.RotateSecretAsync(id, actor: null, ct), http));
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
