using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Api;

/// <summary>
/// Keeps API answers machine-readable: the dashboard's status code pages (HTML "not found") stay out of API responses,
/// and an unhandled error becomes a 500 ProblemDetails with a plain sentence, never the exception's text.
/// </summary>
internal sealed partial class ApiErrors(ILogger<ApiErrors> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        try
        {
            return await next(context);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
        {
            LogUnhandled(logger, e, http.Request.Method, http.Request.Path);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status500InternalServerError,
                title: "Internal Server Error",
                detail: "The hub could not complete this request. Try again; if it keeps failing, tell the hub's operator the time of the request.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in API call {Method} {Path}.")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);
}
