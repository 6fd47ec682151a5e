using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Transport;

/// <summary>
/// A status code for a static server-rendered page that shows its own text: the status-code page would otherwise
/// re-execute the request inside this render.
/// </summary>
public static class PageStatus
{
    public static void Set(HttpContext? http, int statusCode)
    {
        if (http is not null && !http.Response.HasStarted)
        {
            http.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            http.Response.StatusCode = statusCode;
        }
    }
}
