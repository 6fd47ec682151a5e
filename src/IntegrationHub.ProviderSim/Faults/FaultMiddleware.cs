using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Faults;

/// <summary>
/// Applies the provider's API faults (latency, 5xx, rate limits) before routing. OAuth pages and the control API
/// are left alone so a test can still drive the world while the API misbehaves.
/// </summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultRegistry registry, SimStore store)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var provider = ProviderSlugs.FromPath(context.Request.Path);
        if (provider is null || !IsApiPath(context.Request.Path))
        {
            await next(context);
            return;
        }

        var faults = registry.Get(provider.Value);
        if (faults.LatencyMs > 0)
        {
            await Task.Delay(faults.LatencyMs, context.RequestAborted);
        }

        if (faults.RateLimit is not null)
        {
            await RateLimitAnswers.Write(context, provider.Value, faults, store.Now);
            return;
        }

        if (registry.Hit(provider.Value, "5xx", faults.ServerErrors))
        {
            context.Response.StatusCode = faults.ServerErrorStatus;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body><h1>" + faults.ServerErrorStatus + " Server Error</h1></body></html>");
            return;
        }

        await next(context);
    }

    private static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/github/api") || path.StartsWithSegments("/gitlab/api")
        || path.StartsWithSegments("/bitbucket/2.0") || path.StartsWithSegments("/bitbucket-dc/rest")
        || (path.StartsWithSegments("/azure-devops") && path.Value!.Contains("/_apis/", StringComparison.Ordinal));
}
