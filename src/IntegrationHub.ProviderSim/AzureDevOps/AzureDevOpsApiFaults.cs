using System.Globalization;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.AzureDevOps;

/// <summary>
/// Faults apply to <c>/azure-devops/{org}/.../_apis/</c>. A rate limit is the TF400733 "request blocked" 429.
/// https://learn.microsoft.com/azure/devops/integrate/concepts/rate-limits#api-client-experience
/// </summary>
internal sealed class AzureDevOpsApiFaults : IApiFaults
{
    public ProviderId Provider => AzureDevOpsProvider.Id;

    public bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/azure-devops") && path.Value!.Contains("/_apis/", StringComparison.Ordinal);

    public Task WriteRateLimit(HttpContext context, FaultSettings faults, DateTimeOffset now)
    {
        var h = context.Response.Headers;
        var retry = faults.RetryAfterSeconds;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.StatusCode = 429;
        h.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        h["X-RateLimit-Resource"] = "ATCPU";
        h["X-RateLimit-Delay"] = "10";
        h["X-RateLimit-Limit"] = "200";
        h["X-RateLimit-Remaining"] = "0";
        h["X-RateLimit-Reset"] = now.AddSeconds(retry).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return context.Response.WriteAsync("""{"$id":"1","innerException":null,"message":"TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource 'ATCPU' in namespace 'User'.","typeName":"Microsoft.TeamFoundation.Framework.Server.RequestBlockedException, Microsoft.TeamFoundation.Framework.Server","typeKey":"RequestBlockedException","errorCode":0,"eventId":3000}""");
    }
}
