namespace IntegrationHub.Transport;

/// <summary>
/// Settings under Hub:Transport: which reverse proxies may tell the hub the client's address and scheme, and HSTS.
/// Nothing is trusted by default, loopback included, so a client cannot claim to be on HTTPS or to come from elsewhere.
/// </summary>
public sealed class TransportOptions
{
    public const string Section = "Hub:Transport";

    /// <summary>Addresses of TLS-terminating proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, "10.0.0.0/8") whose proxies are believed, for proxies without a fixed address.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a chain are unwrapped (each must be trusted). One: a single load balancer.</summary>
    public int ForwardLimit { get; set; } = 1;

    /// <summary>Strict-Transport-Security max-age on HTTPS responses (0: no HSTS header).</summary>
    public int HstsMaxAgeDays { get; set; } = 365;
}
