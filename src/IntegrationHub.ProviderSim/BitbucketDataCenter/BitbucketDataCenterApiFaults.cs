using System.Globalization;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.BitbucketDataCenter;

/// <summary>
/// Faults apply to <c>/bitbucket-dc/rest</c>. A rate limit is the token-bucket 429 with <c>X-RateLimit-*</c> and Retry-After.
/// https://confluence.atlassian.com/bitbucketserver/improving-instance-stability-with-rate-limiting-976171954.html
/// </summary>
internal sealed class BitbucketDataCenterApiFaults : IApiFaults
{
    public ProviderId Provider => BitbucketDataCenterProvider.Id;

    public bool IsApiPath(PathString path) => path.StartsWithSegments("/bitbucket-dc/rest");

    public Task WriteRateLimit(HttpContext context, FaultSettings faults, DateTimeOffset now)
    {
        var h = context.Response.Headers;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.StatusCode = 429;
        h.RetryAfter = faults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        h["X-RateLimit-Limit"] = "60";
        h["X-RateLimit-Interval-Seconds"] = "1";
        h["X-RateLimit-Fill-Rate"] = "5";
        h["X-RateLimit-Remaining"] = "0";
        return context.Response.WriteAsync("""{"errors":[{"context":null,"message":"Rate limit exceeded.","exceptionName":null}]}""");
    }
}
