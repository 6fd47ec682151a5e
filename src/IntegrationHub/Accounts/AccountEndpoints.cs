using IntegrationHub.Transport;
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
        // Sign-out binds no form field: without the token check any site could post here and sign the person out.
        app.MapPost("/account/signout", async (AccountService accounts, CancellationToken ct) =>
        {
            await accounts.SignOutAsync(ct);
            return Results.LocalRedirect("/account/signin");
        }).RequireFormToken();

        app.MapPost("/account/switch-tenant", async ([FromForm] Guid tenantId, AccountService accounts, CancellationToken ct) =>
            await accounts.SwitchTenantAsync(tenantId, ct) ? Results.LocalRedirect("/") : Results.Forbid())
            .RequireAuthorization();
        return app;
    }
}
