namespace IntegrationHub.Providers.Api;

/// <summary>
/// A token endpoint's answer. <paramref name="ExpiresAt"/> is computed from <c>expires_in</c> with the client's
/// clock; null when the token does not expire. <paramref name="RefreshToken"/> after a refresh is the new one, or the
/// one used when the provider issued none (RFC 6749 §6). <see cref="ToString"/> never prints a token.
/// </summary>
public sealed record OAuthTokens(
    string AccessToken,
    string? RefreshToken,
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<string> GrantedScopes,
    string TokenType)
{
    public override string ToString() =>
        $"OAuthTokens {{ AccessToken = ***, RefreshToken = {(RefreshToken is null ? "none" : "***")}, ExpiresAt = {ExpiresAt:O}, GrantedScopes = [{string.Join(' ', GrantedScopes)}] }}";
}
