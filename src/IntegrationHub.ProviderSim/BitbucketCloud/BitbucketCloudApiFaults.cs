using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.BitbucketCloud;

/// <summary>
/// Faults apply to <c>/bitbucket/2.0</c>. A rate limit is a bare 429 with Bitbucket's error body, no headers.
/// https://support.atlassian.com/bitbucket-cloud/docs/api-request-limits/
/// </summary>
internal sealed class BitbucketCloudApiFaults : IApiFaults
{
    public ProviderId Provider => BitbucketCloudProvider.Id;

    public bool IsApiPath(PathString path) => path.StartsWithSegments("/bitbucket/2.0");

    public Task WriteRateLimit(HttpContext context, FaultSettings faults, DateTimeOffset now)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.StatusCode = 429;
        return context.Response.WriteAsync("""{"type":"error","error":{"message":"Rate limit for this resource has been exceeded"}}""");
    }
}
