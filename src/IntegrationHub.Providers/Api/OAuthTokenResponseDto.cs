namespace IntegrationHub.Providers.Api;

/// <summary>
/// Token endpoint answer (RFC 6749 §5.1/§5.2). Bitbucket Cloud names the granted scopes <c>scopes</c>; GitHub
/// separates them with commas, the others with spaces.
/// </summary>
internal sealed class OAuthTokenResponseDto
{
    public string? AccessToken { get; init; }
    public string? RefreshToken { get; init; }
    public long? ExpiresIn { get; init; }
    public string? Scope { get; init; }
    public string? Scopes { get; init; }
    public string? TokenType { get; init; }
    public string? Error { get; init; }
    public string? ErrorDescription { get; init; }

    public static OAuthTokenResponseDto FromForm(string body)
    {
        Dictionary<string, string> form = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .GroupBy(kv => Uri.UnescapeDataString(kv[0].Replace('+', ' ')), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First() is [_, var v] ? Uri.UnescapeDataString(v.Replace('+', ' ')) : "", StringComparer.Ordinal);
        return new OAuthTokenResponseDto
        {
            AccessToken = form.GetValueOrDefault("access_token"),
            RefreshToken = form.GetValueOrDefault("refresh_token"),
            ExpiresIn = long.TryParse(form.GetValueOrDefault("expires_in"), out long e) ? e : null,
            Scope = form.GetValueOrDefault("scope"),
            TokenType = form.GetValueOrDefault("token_type"),
            Error = form.GetValueOrDefault("error"),
            ErrorDescription = form.GetValueOrDefault("error_description"),
        };
    }
}
