using System.Net;

namespace IntegrationHub.Providers.Api;

/// <summary>
/// The one exception provider API clients throw. The message names the provider, the call (method and path, never
/// the query) and the provider's own words; it never contains a token or secret.
/// </summary>
public sealed class ProviderApiException(
    ProviderKind provider,
    ProviderApiErrorKind kind,
    string message,
    HttpStatusCode? statusCode = null,
    string? providerMessage = null,
    DateTimeOffset? retryAt = null,
    RateLimitSnapshot? rateLimit = null,
    Exception? innerException = null) : Exception(message, innerException)
{
    public ProviderKind Provider { get; } = provider;
    public ProviderApiErrorKind Kind { get; } = kind;
    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>The provider's error text (already cleared of the token), for showing to a person.</summary>
    public string? ProviderMessage { get; } = providerMessage;

    /// <summary>
    /// For <see cref="ProviderApiErrorKind.RateLimited"/> (and 5xx with <c>Retry-After</c>): the earliest instant to try
    /// again. Clients never sleep; the caller reschedules.
    /// </summary>
    public DateTimeOffset? RetryAt { get; } = retryAt;

    public RateLimitSnapshot? RateLimit { get; } = rateLimit;

    /// <summary>Worth retrying later without a person doing anything.</summary>
    public bool IsTransient => Kind is ProviderApiErrorKind.RateLimited or ProviderApiErrorKind.Server or ProviderApiErrorKind.Network;
}
