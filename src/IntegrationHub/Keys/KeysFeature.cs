using IntegrationHub.Api;
using IntegrationHub.Data;
using IntegrationHub.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Keys;

/// <summary>
/// A tenant's API keys (Settings → API keys). The page creates and revokes on its circuit through
/// <see cref="ApiKeyService"/>; the same actions stay on HTTP for scripts and tests: a form post (antiforgery checked),
/// owners only here and in the service. Revoking over HTTP is the confirm page's form (ApiKeyRevokePage).
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
        return app;
    }
}
