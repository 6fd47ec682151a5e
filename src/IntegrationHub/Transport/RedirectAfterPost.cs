using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Transport;

/// <summary>
/// Redirect after a form post on a static server-rendered page, as a plain 302 a browser without script follows.
/// NavigationManager.NavigateTo after an awaited submit throws a NavigationException that .NET 10's endpoint renderer
/// handles on two paths: the wait for the submit's pending work (a 302) and the quiescence task, which writes
/// Blazor's <c>&lt;template type="redirection"&gt;</c> (only blazor.web.js follows it) when the response has started by then.
/// Which runs first is timing (Trace logging was enough to get a 200 holding only the template), so posts set the
/// redirect on the response themselves, before the renderer writes a byte: no exception, no second path.
/// https://learn.microsoft.com/aspnet/core/blazor/fundamentals/navigation (NavigationException in static SSR).
/// </summary>
public static class RedirectAfterPost
{
    public static void To(HttpContext? http, NavigationManager nav, string url)
    {
        if (http is null || http.Response.HasStarted)
        {
            nav.NavigateTo(url); // interactive or already streaming: only the framework can still navigate
            return;
        }

        // Absolute, as NavigateTo would have sent it.
        http.Response.Redirect(nav.ToAbsoluteUri(url).AbsoluteUri);
    }
}
