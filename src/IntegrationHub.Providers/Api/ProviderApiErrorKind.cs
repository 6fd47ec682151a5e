namespace IntegrationHub.Providers.Api;

/// <summary>What went wrong, in terms a caller can act on.</summary>
public enum ProviderApiErrorKind
{
    /// <summary>401 (or Azure's 203 sign-in page): the token is invalid, expired or revoked — refresh or reconnect.</summary>
    Unauthorized,

    /// <summary>403 that is not a rate limit: missing scope or permission on this resource.</summary>
    Forbidden,

    /// <summary>404 (GitHub also answers 404 for private resources the token cannot see).</summary>
    NotFound,

    /// <summary>Primary or secondary rate limit; <see cref="ProviderApiException.RetryAt"/> says when to resume.</summary>
    RateLimited,

    /// <summary>400/409/422: the provider refused the request as sent (validation, duplicate hook, …).</summary>
    Rejected,

    /// <summary>5xx.</summary>
    Server,

    /// <summary>DNS, TLS or connection failure, or no complete answer within the client's timeout (headers and body).</summary>
    Network,

    /// <summary>An answer we cannot use: not JSON, wrong shape, a next-page link to another host, or a body over the size cap.</summary>
    BadResponse,
}
