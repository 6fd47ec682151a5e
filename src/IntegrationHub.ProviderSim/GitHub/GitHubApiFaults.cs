using System.Globalization;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Faults apply to <c>/github/api</c>. A rate limit is GitHub's primary (remaining 0) or secondary (Retry-After) refusal.
/// https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
/// </summary>
internal sealed class GitHubApiFaults : IApiFaults
{
    public ProviderId Provider => GitHubProvider.Id;

    public bool IsApiPath(PathString path) => path.StartsWithSegments("/github/api");

    public Task WriteRateLimit(HttpContext context, FaultSettings faults, DateTimeOffset now)
    {
        var h = context.Response.Headers;
        var retry = faults.RetryAfterSeconds;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.StatusCode = faults.RateLimitStatus is 403 or 429 ? faults.RateLimitStatus : 403;
        var secondary = string.Equals(faults.RateLimit, "secondary", StringComparison.OrdinalIgnoreCase);
        h["X-RateLimit-Limit"] = "5000";
        h["X-RateLimit-Remaining"] = secondary ? "4999" : "0";
        h["X-RateLimit-Used"] = secondary ? "1" : "5000";
        h["X-RateLimit-Reset"] = now.AddSeconds(retry).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        h["X-RateLimit-Resource"] = "core";
        if (secondary) h.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        return context.Response.WriteAsync(secondary
            ? """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits"}"""
            : """{"message":"API rate limit exceeded for user.","documentation_url":"https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api"}""");
    }
}
