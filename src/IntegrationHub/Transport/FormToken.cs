using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Transport;

/// <summary>
/// The antiforgery check for a dashboard form post that binds no form field. Minimal APIs validate the token only when
/// a handler binds the form; a post such as "rotate this secret" or "disconnect" carries nothing but its route, and
/// without this a page on another site could make it with the person's cookie (SameSite=Lax keeps most browsers from
/// sending it, which is not a guarantee to build on).
/// </summary>
public static class FormToken
{
    public static TBuilder RequireFormToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            return await antiforgery.IsRequestValidAsync(http)
                ? await next(context)
                : Results.Problem("The form expired or came from another site; reload the page and try again.",
                    statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or invalid");
        });
}
