using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Outbound;

/// <summary>Status codes and redirects of the webhook pages (static server rendering, no script).</summary>
internal static class WebhookResponses
{
    /// <summary>404 with the page's own text: the status-code page would re-execute the request inside this render.</summary>
    public static void NotFound(HttpContext? http)
    {
        if (http is not null && !http.Response.HasStarted)
        {
            http.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            http.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public static void Forbidden(HttpContext? http)
    {
        if (http is not null && !http.Response.HasStarted)
        {
            http.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }

    /// <summary>
    /// Redirect after a post as a plain 302 set before the renderer writes a byte, the way Connect's RedirectAfterPost
    /// does (a feature does not use another feature's code): NavigateTo after an awaited submit can end as a
    /// redirection template that only blazor.web.js follows.
    /// </summary>
    public static void Redirect(HttpContext? http, NavigationManager nav, string url)
    {
        if (http is null || http.Response.HasStarted)
        {
            nav.NavigateTo(url);
            return;
        }

        http.Response.Redirect(nav.ToAbsoluteUri(url).AbsoluteUri);
    }
}
