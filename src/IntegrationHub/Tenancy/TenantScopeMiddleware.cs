using IntegrationHub.Data;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Tenancy;

/// <summary>Resolves <see cref="TenantScope"/> for each signed-in HTTP request (pages, forms, prerendering).</summary>
internal sealed class TenantScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, HubDb db, TenantScope scope)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            await TenantScopeResolver.ResolveAsync(context.User, db, scope, context.RequestAborted);
        }

        await next(context);
    }
}
