namespace IntegrationHub.Providers.Api;

/// <summary>String-level URL building: <see cref="Uri"/> relative resolution drops base paths such as <c>/gitlab</c>.</summary>
internal static class BaseUrls
{
    /// <summary>Base URL without query, fragment or trailing slash: <c>https://host/gitlab</c>.</summary>
    public static string Trim(Uri baseUrl)
    {
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("A base URL must be absolute.", nameof(baseUrl));
        }

        return baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    public static Uri Combine(Uri baseUrl, string path) => new(Trim(baseUrl) + path);

    public static Uri Combine(string root, string path) => new(root.TrimEnd('/') + path);

    public static bool IsHost(Uri url, string host) =>
        string.Equals(url.Host, host, StringComparison.OrdinalIgnoreCase)
        || string.Equals(url.Host, "www." + host, StringComparison.OrdinalIgnoreCase);

    /// <summary>Same scheme, host and port: a provider-supplied next-page URL may only point back at the provider.</summary>
    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    public static string Segment(string value) => Uri.EscapeDataString(value);
}
