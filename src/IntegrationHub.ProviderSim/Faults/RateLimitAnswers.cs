using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Faults;

/// <summary>Each provider's own rate-limit answer: status, headers and body.</summary>
internal static class RateLimitAnswers
{
    public static async Task Write(HttpContext context, ProviderId provider, FaultSettings faults, DateTimeOffset now)
    {
        var h = context.Response.Headers;
        var retry = faults.RetryAfterSeconds;
        var reset = now.AddSeconds(retry).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json; charset=utf-8";
        switch (provider)
        {
            case ProviderId.GitHub:
                // https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
                context.Response.StatusCode = faults.RateLimitStatus is 403 or 429 ? faults.RateLimitStatus : 403;
                var secondary = string.Equals(faults.RateLimit, "secondary", StringComparison.OrdinalIgnoreCase);
                h["X-RateLimit-Limit"] = "5000";
                h["X-RateLimit-Remaining"] = secondary ? "4999" : "0";
                h["X-RateLimit-Used"] = secondary ? "1" : "5000";
                h["X-RateLimit-Reset"] = reset;
                h["X-RateLimit-Resource"] = "core";
                if (secondary) h.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.Response.WriteAsync(secondary
                    ? """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits"}"""
                    : """{"message":"API rate limit exceeded for user.","documentation_url":"https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api"}""");
                break;
            case ProviderId.GitLab:
                // https://docs.gitlab.com/administration/settings/user_and_ip_rate_limits/#response-headers
                context.Response.StatusCode = 429;
                h["RateLimit-Name"] = "throttle_authenticated_api";
                h["RateLimit-Limit"] = "2000";
                h["RateLimit-Observed"] = "2001";
                h["RateLimit-Remaining"] = "0";
                h["RateLimit-Reset"] = reset;
                h["RateLimit-ResetTime"] = now.AddSeconds(retry).ToString("R");
                h.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("Retry later\n");
                break;
            case ProviderId.BitbucketCloud:
                // https://support.atlassian.com/bitbucket-cloud/docs/api-request-limits/
                context.Response.StatusCode = 429;
                await context.Response.WriteAsync("""{"type":"error","error":{"message":"Rate limit for this resource has been exceeded"}}""");
                break;
            case ProviderId.BitbucketDataCenter:
                // https://confluence.atlassian.com/bitbucketserver/improving-instance-stability-with-rate-limiting-976171954.html
                context.Response.StatusCode = 429;
                h.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
                h["X-RateLimit-Limit"] = "60";
                h["X-RateLimit-Interval-Seconds"] = "1";
                h["X-RateLimit-Fill-Rate"] = "5";
                h["X-RateLimit-Remaining"] = "0";
                await context.Response.WriteAsync("""{"errors":[{"context":null,"message":"Rate limit exceeded.","exceptionName":null}]}""");
                break;
            default:
                // https://learn.microsoft.com/azure/devops/integrate/concepts/rate-limits#api-client-experience
                context.Response.StatusCode = 429;
                h.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
                h["X-RateLimit-Resource"] = "ATCPU";
                h["X-RateLimit-Delay"] = "10";
                h["X-RateLimit-Limit"] = "200";
                h["X-RateLimit-Remaining"] = "0";
                h["X-RateLimit-Reset"] = reset;
                await context.Response.WriteAsync("""{"$id":"1","innerException":null,"message":"TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource 'ATCPU' in namespace 'User'.","typeName":"Microsoft.TeamFoundation.Framework.Server.RequestBlockedException, Microsoft.TeamFoundation.Framework.Server","typeKey":"RequestBlockedException","errorCode":0,"eventId":3000}""");
                break;
        }
    }
}
