namespace IntegrationHub.Providers.Api;

/// <summary>Names of the rate-limit headers a provider sends. Every reset header we know is epoch seconds.</summary>
public sealed record RateLimitHeaderNames(string Limit, string Remaining, string Reset)
{
    /// <summary>GitHub, Azure DevOps, Bitbucket: <c>X-RateLimit-*</c>.</summary>
    public static RateLimitHeaderNames XRateLimit { get; } = new("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset");

    /// <summary>
    /// <c>RateLimit-*</c> without the <c>X-</c>, as the IETF draft names them (GitLab:
    /// https://docs.gitlab.com/administration/settings/user_and_ip_rate_limits/#response-headers).
    /// </summary>
    public static RateLimitHeaderNames Unprefixed { get; } = new("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
}
