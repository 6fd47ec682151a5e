using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Tenancy;

/// <summary>
/// Turns an <see cref="OwnerOnlyException"/> from any service into 403 with the plain reason (problem+json for a
/// caller that asks for JSON), instead of the error page's 500. Nothing was changed: services check before they write.
/// </summary>
internal sealed class OwnerOnlyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OwnerOnlyException ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await Forbid(context, ex.Message);
        }
    }

    /// <summary>The 403 answer for an owner-only action, shared by the policy's refusal.</summary>
    public static Task Forbid(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        if (context.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(title: "Forbidden", detail: message, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("403 Forbidden: " + message, context.RequestAborted);
    }
}
