using IntegrationHub.Data;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Transport;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Connect;

/// <summary>
/// The providers a page's Connect and Reconnect forms lead to. Their post ends in a redirect to the provider's authorize
/// page, which Chromium checks against the page's CSP form-action, so the page names those origins and no others.
/// </summary>
internal static class ProviderFormTargets
{
    /// <summary>The platform apps' authorize origins and those of the listed OAuth connections (for Reconnect).</summary>
    public static void Allow(HttpContext? http, OAuthFlow flow, IEnumerable<Connection> connections)
    {
        var targets = new List<string>();
        foreach (var kind in ProviderCatalog.All.Where(p => p.Descriptor.SupportsOAuth).Select(p => p.Kind))
        {
            if (flow.Platform(kind) is { } start && Authorize(kind, start.BaseUrl) is { } url)
            {
                targets.Add(url);
            }
        }

        foreach (var c in connections)
        {
            if (c.AuthKind == AuthKinds.OAuthTenant && ProviderSlugs.TryParse(c.Provider, out var kind)
                && Uri.TryCreate(c.BaseUrl, UriKind.Absolute, out var baseUrl) && Authorize(kind, baseUrl) is { } url)
            {
                targets.Add(url);
            }
        }

        ContentSecurityPolicy.AllowFormTargets(http, targets);
    }

    /// <summary>
    /// The own-app form sends the browser to whatever instance the tenant types, so the page allows the schemes a base
    /// URL may have (https, and http only where the operator allows it), no more.
    /// </summary>
    public static void AllowTypedInstance(HttpContext? http, bool allowHttp) =>
        ContentSecurityPolicy.AllowFormTargets(http, allowHttp ? ["https:", "http:"] : ["https:"]);

    private static string? Authorize(ProviderKind kind, Uri baseUrl) =>
        ProviderCatalog.For(kind).Descriptor.EndpointsFor(baseUrl).AuthorizeUrl?.AbsoluteUri;
}
