namespace IntegrationHub.ProviderAccess;

/// <summary>The <c>outcome</c> tag of <c>ihub.provider.calls</c>: the class of the provider's HTTP answer, or none.</summary>
internal static class ProviderCallOutcomes
{
    /// <summary>Any answer below 400 but a 304 (Azure DevOps' 203 sign-in page too: the answer's class, not its meaning).</summary>
    public const string Ok = "ok";

    /// <summary>304 to a conditional GET: GitHub does not count it against the rate limit.</summary>
    public const string NotModified = "not_modified";

    /// <summary>429, or a 403 with Retry-After or no budget left (a secondary or primary limit).</summary>
    public const string RateLimited = "rate_limited";

    public const string ClientError = "client_error";

    public const string ServerError = "server_error";

    /// <summary>No answer: DNS, connect, TLS, the address guard, the call's timeout, or the call was cancelled.</summary>
    public const string NetworkError = "network_error";
}
