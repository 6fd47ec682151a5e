using IntegrationHub.Api;
using IntegrationHub.Data;
using IntegrationHub.Tenancy;
using IntegrationHub.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Keys;

/// <summary>
/// A tenant's API keys (Settings → API keys). The page creates and revokes on its circuit through
/// <see cref="ApiKeyService"/>; the same actions stay on HTTP for scripts and tests: a form post (antiforgery checked),
/// owners only here and in the service. Another tenant's key, or one already revoked, is 404 and nothing changes.
/// </summary>
public static class KeysFeature
{
    public static IEndpointRouteBuilder MapKeys(this IEndpointRouteBuilder app)
    {
        // IFormCollection: the scopes repeat (one field per ticked box); a bound form is antiforgery-checked.
        app.MapPost("/settings/api-keys/new", async (IFormCollection form, ApiKeyService keys, TenantScope scope, HttpContext http, CancellationToken ct) =>
        {
            string trimmed = form["name"].ToString().Trim();
            string[] chosen = [.. form["scopes"].OfType<string>().Where(ApiScopes.All.Contains)];
            if (trimmed.Length is 0 or > ApiKeyService.MaxNameLength || chosen.Length == 0)
            {
                return Results.BadRequest(new { error = ApiKeyWords.Invalid });
            }

            var created = await keys.CreateAsync(scope.RequireTenant(), trimmed, chosen, ct);
            http.Response.Headers.CacheControl = "no-store"; // the key is in this answer only
            return Results.Ok(new { id = created.Key.Id, prefix = created.Key.Prefix, key = created.Plaintext });
        }).RequireAuthorization(Policies.TenantOwner);
        // Post-redirect-get back to the list, like the other form posts that show no secret.
        app.MapPost("/settings/api-keys/{id:guid}/revoke", async (Guid id, ApiKeyService keys, CancellationToken ct) =>
            await keys.RevokeAsync(id, ct) ? Results.Redirect("/settings/api-keys") : Results.NotFound())
            .RequireAuthorization(Policies.TenantOwner).RequireFormToken(); // binds no form field
        return app;
    }
}
