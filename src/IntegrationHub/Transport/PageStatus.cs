using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Transport;

/// <summary>
/// A status code for a static server-rendered page that shows its own text: the status-code page would otherwise
/// re-execute the request inside this render. Not for 404: .NET 10's renderer writes no body for a page that sets 404
/// itself (it leaves the body to the not-found handling); a page calls NavigationManager.NotFound() instead, which
/// answers 404 with the router's not-found page.
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
