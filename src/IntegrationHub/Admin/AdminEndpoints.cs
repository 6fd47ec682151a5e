using IntegrationHub.Cleanup;
using IntegrationHub.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Admin;

/// <summary>
/// The platform admin's revoke as a form post, for scripts and clients without a circuit; the revoke page confirms in a
/// dialog on its circuit. The answer is the page, which then follows the clean-up.
/// </summary>
internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/connections/{id:guid}/revoke", async (Guid id, [FromForm] string? reason, ConnectionCleanup cleanup, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Give a reason: the tenant will see it."] });
            }

            return await cleanup.RevokeAsync(id, reason, ct) is null ? Results.NotFound() : Results.LocalRedirect($"/admin/connections/{id}/revoke");
        }).RequireAuthorization(Policies.PlatformAdmin) // it binds the form, so minimal APIs check the antiforgery token
            .WithOrder(-1); // before the page's own endpoint, which takes posts too
        return app;
    }
}
