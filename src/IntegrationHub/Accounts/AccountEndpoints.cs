using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Accounts;

/// <summary>Form posts that have no page of their own. Antiforgery is validated for every form post.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Sign-out binds no form field, so minimal APIs would not check the token on their own; without this check
        // any site could post here and sign the user out.
        app.MapPost("/account/signout", async (HttpContext http, IAntiforgery antiforgery, AccountService accounts, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest("The form expired; reload the page and try again.");
            }

            await accounts.SignOutAsync(ct);
            return Results.LocalRedirect("/account/signin");
        });

        app.MapPost("/account/switch-tenant", async ([FromForm] Guid tenantId, AccountService accounts, CancellationToken ct) =>
            await accounts.SwitchTenantAsync(tenantId, ct) ? Results.LocalRedirect("/") : Results.Forbid())
            .RequireAuthorization();
        return app;
    }
}
