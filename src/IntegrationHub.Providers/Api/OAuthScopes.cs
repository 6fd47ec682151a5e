using System.Net.Http.Headers;

namespace IntegrationHub.Providers.Api;

/// <summary>Scope lists arrive comma-separated (GitHub, <c>X-OAuth-Scopes</c>) or space-separated (RFC 6749, Bitbucket).</summary>
internal static class OAuthScopes
{
    public static IReadOnlyList<string> Split(string? scopes) =>
        string.IsNullOrWhiteSpace(scopes)
            ? []
            : scopes.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Null when the header is absent (the provider does not say), empty when present but empty.</summary>
    public static IReadOnlyList<string>? FromHeader(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out IEnumerable<string>? values) ? Split(string.Join(',', values)) : null;
}
