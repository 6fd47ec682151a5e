using IntegrationHub.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticAssets;

namespace IntegrationHub.Tenancy;

/// <summary>
/// Resolves <see cref="TenantScope"/> for each signed-in HTTP request (pages, forms, prerendering). Not for the
/// build's static assets (MudBlazor's bundle, blazor.web.js, app.css: several per page load), which read no scope.
/// </summary>
internal sealed class TenantScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, HubDb db, TenantScope scope)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
        {
            await TenantScopeResolver.ResolveAsync(context.User, db, scope, context.RequestAborted);
        }

        await next(context);
    }
}
