using System.Net;

namespace IntegrationHub.Providers.Api;

/// <summary>
/// The provider refused an OAuth step. <see cref="Error"/> is the normalized code (<see cref="OAuthErrorCodes"/>),
/// <see cref="Exception.Message"/> plain words for a person, never a token or secret. Transport failures (provider
/// unreachable, 5xx) are <see cref="ProviderApiException"/> instead.
/// </summary>
public sealed class OAuthException(ProviderKind provider, string error, string? providerError, string? providerDescription, HttpStatusCode? statusCode = null)
    : Exception(OAuthErrorCodes.PlainWords(error))
{
    public ProviderKind Provider { get; } = provider;
    public string Error { get; } = error;

    /// <summary>The code as the provider sent it (GitHub's <c>bad_verification_code</c> …).</summary>
    public string? ProviderError { get; } = providerError;

    /// <summary><c>error_description</c>, cleared of secrets.</summary>
    public string? ProviderDescription { get; } = providerDescription;

    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>The connection cannot be refreshed any more: mark it "needs reauthorization".</summary>
    public bool NeedsReauthorization => Error is OAuthErrorCodes.InvalidGrant;

    /// <summary>For the <c>error</c> / <c>error_description</c> query parameters of an authorization callback.</summary>
    public static OAuthException FromCallback(ProviderKind provider, string error, string? description) =>
        new(provider, OAuthErrorCodes.Normalize(error), error, description);
}
