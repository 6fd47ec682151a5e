using IntegrationHub.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Dashboard;

/// <summary>
/// The app bar's light/dark switch: a form post, so it works on the static account pages as on interactive ones and
/// the choice survives full page loads. Binding form fields makes the endpoint check the antiforgery token.
/// </summary>
public static class ThemeEndpoint
{
    public static IEndpointRouteBuilder MapThemeChoice(this IEndpointRouteBuilder app)
    {
        app.MapPost("/theme", ([FromForm] bool dark, [FromForm] string? returnUrl, HttpContext http) =>
        {
            ThemeChoice.Save(http, dark);
            return Results.LocalRedirect(LocalReturnUrl.OrHome(returnUrl));
        });
        return app;
    }
}
