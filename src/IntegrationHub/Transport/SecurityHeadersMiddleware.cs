using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Transport;

/// <summary>
/// Adds the browser-facing security headers to every response as it starts, so error pages (whose headers the
/// exception handler clears) carry them too. HSTS only on HTTPS — direct, or forwarded by a trusted proxy — and never
/// for a loopback host: browsers pin HSTS per host, all ports, and would lock a developer's plain-HTTP localhost.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<TransportOptions> options)
{
    private readonly string? _hsts = options.Value.HstsMaxAgeDays > 0
        ? "max-age=" + ((long)options.Value.HstsMaxAgeDays * 86_400).ToString(CultureInfo.InvariantCulture)
        : null;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (http, hsts) = ((HttpContext, string?))state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY"; // frame-ancestors' predecessor, for older browsers
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = ContentSecurityPolicy.For(http);
            if (hsts is not null && http.Request.IsHttps && !IsLoopback(http.Request.Host.Host))
            {
                headers.StrictTransportSecurity = hsts;
            }

            return Task.CompletedTask;
        }, (context, _hsts));
        return next(context);
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host is "127.0.0.1" or "[::1]" or "::1";
}
