namespace IntegrationHub.Addresses;

/// <summary>Settings under Hub:Security: how far the hub trusts URLs that tenants type (provider base URLs, webhook targets).</summary>
public sealed class SecurityOptions
{
    public const string Section = "Hub:Security";

    /// <summary>Accept http:// base URLs and webhook targets. Off in production: tokens and events would cross the network in clear.</summary>
    public bool AllowHttpBaseUrls { get; set; }

    /// <summary>
    /// Hosts that may resolve to loopback, link-local or private addresses: "host" (any port) or "host:port".
    /// Empty by default, so a tenant cannot point the hub at its own network.
    /// </summary>
    public List<string> AllowedPrivateHosts { get; set; } = [];
}
