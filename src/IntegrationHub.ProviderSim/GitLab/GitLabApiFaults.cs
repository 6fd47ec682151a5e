using System.Globalization;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitLab;

/// <summary>
/// Faults apply to <c>/gitlab/api</c>. A rate limit is GitLab's 429 "Retry later" with its <c>RateLimit-*</c> headers.
/// https://docs.gitlab.com/administration/settings/user_and_ip_rate_limits/#response-headers
/// </summary>
internal sealed class GitLabApiFaults : IApiFaults
{
    public ProviderId Provider => GitLabProvider.Id;

    public bool IsApiPath(PathString path) => path.StartsWithSegments("/gitlab/api");

    public Task WriteRateLimit(HttpContext context, FaultSettings faults, DateTimeOffset now)
    {
        var h = context.Response.Headers;
        var retry = faults.RetryAfterSeconds;
        context.Response.StatusCode = 429;
        h["RateLimit-Name"] = "throttle_authenticated_api";
        h["RateLimit-Limit"] = "2000";
        h["RateLimit-Observed"] = "2001";
        h["RateLimit-Remaining"] = "0";
        h["RateLimit-Reset"] = now.AddSeconds(retry).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        h["RateLimit-ResetTime"] = now.AddSeconds(retry).ToString("R");
        h.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync("Retry later\n");
    }
}
