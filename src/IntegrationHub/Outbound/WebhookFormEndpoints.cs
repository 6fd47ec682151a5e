using IntegrationHub.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
