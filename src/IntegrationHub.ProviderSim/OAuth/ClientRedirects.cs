using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.OAuth;

/// <summary>Redirect URI matching and building the redirect back to the client.</summary>
internal static class ClientRedirects
{
    /// <summary>
    /// Exact match, or (GitHub) same scheme, host and port with a path below the registered one.
    /// https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#redirect-urls
    /// </summary>
    public static bool Matches(OAuthClient client, string redirectUri, bool subdirectories) => client.RedirectUris.Any(registered =>
        string.Equals(registered, redirectUri, StringComparison.Ordinal)
        || (subdirectories && Uri.TryCreate(registered, UriKind.Absolute, out var r) && Uri.TryCreate(redirectUri, UriKind.Absolute, out var u)
            && r.Scheme == u.Scheme && string.Equals(r.Host, u.Host, StringComparison.OrdinalIgnoreCase) && r.Port == u.Port
            && u.AbsolutePath.StartsWith(r.AbsolutePath.TrimEnd('/') + "/", StringComparison.Ordinal)));

    public static string With(string redirectUri, IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        var query = string.Join("&", parameters.Where(p => p.Value is not null)
            .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value!)));
        return redirectUri + (redirectUri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }
}
