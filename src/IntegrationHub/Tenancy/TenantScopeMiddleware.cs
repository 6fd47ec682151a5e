using IntegrationHub.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tenancy;

/// <summary>
/// Resolves <see cref="TenantScope"/> for each signed-in HTTP request (pages, forms, prerendering). Not for the
/// build's static assets (MudBlazor's bundle, blazor.web.js, app.css: several per page load), which read no scope.
/// </summary>
internal sealed class TenantScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Resolved here, not injected into InvokeAsync: an anonymous request (every webhook delivery) must not pay for
        // building a DbContext it never uses (the ingest benchmark's profile showed it).
        if (context.User.Identity?.IsAuthenticated == true && context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
        {
            var services = context.RequestServices;
            await TenantScopeResolver.ResolveAsync(context.User, services.GetRequiredService<HubDb>(), services.GetRequiredService<TenantScope>(),
                context.RequestAborted);
        }

        await next(context);
    }
}
