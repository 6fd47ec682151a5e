using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Faults;

/// <summary>
/// Applies the provider's API faults (latency, 5xx, rate limits) before routing. OAuth pages and the control API
/// are left alone so a test can still drive the world while the API misbehaves.
/// </summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultRegistry registry, SimStore store, IEnumerable<IApiFaults> apis)
{
    private readonly IApiFaults[] _apis = apis.ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        var api = Array.Find(_apis, a => a.IsApiPath(context.Request.Path));
        if (api is null)
        {
            await next(context);
            return;
        }

        var faults = registry.Get(api.Provider);
        if (faults.LatencyMs > 0)
        {
            await Task.Delay(faults.LatencyMs, context.RequestAborted);
        }

        if (faults.RateLimit is not null)
        {
            await api.WriteRateLimit(context, faults, store.Now);
            return;
        }

        if (registry.Hit(api.Provider, "5xx", faults.ServerErrors))
        {
            context.Response.StatusCode = faults.ServerErrorStatus;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body><h1>" + faults.ServerErrorStatus + " Server Error</h1></body></html>");
            return;
        }

        await next(context);
    }
}
