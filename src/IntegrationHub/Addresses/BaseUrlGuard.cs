using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Addresses;

/// <summary>
/// Base URLs that tenants type are untrusted: HTTPS only (unless the operator allows HTTP), no credentials, query or
/// fragment, and a host that resolves only to public addresses unless the operator allow-listed it. Checked when typed
/// and again when the hub connects (the socket itself is checked by <see cref="GuardedSockets"/>), so a DNS answer that
/// changes in between does not turn the hub against its own network.
/// </summary>
public sealed class BaseUrlGuard(IOptions<SecurityOptions> options)
{
    /// <summary>The normalized base URL (no trailing slash), or an error in plain words.</summary>
    public async Task<(Uri? Url, string? Error)> CheckAsync(string? input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input) || !Uri.TryCreate(input.Trim(), UriKind.Absolute, out var url))
        {
            return (null, "Enter the full address, for example https://gitlab.example.com.");
        }

        bool httpAllowed = options.Value.AllowHttpBaseUrls;
        if (url.Scheme != Uri.UriSchemeHttps && !(httpAllowed && url.Scheme == Uri.UriSchemeHttp))
        {
            return (null, httpAllowed ? "The address must start with https:// or http://." : "The address must start with https://.");
        }

        if (url.UserInfo.Length > 0 || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            return (null, "The address must not contain a user name, a query or a fragment.");
        }

        var normalized = new Uri(url.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        string? refusal = await RefusalAsync(normalized.Host, normalized.Port, ct);
        return refusal is null ? (normalized, null) : (null, refusal);
    }

    /// <summary>Null when <paramref name="host"/> may be reached on <paramref name="port"/>; otherwise why not.</summary>
    public async Task<string?> RefusalAsync(string host, int port, CancellationToken ct)
    {
        if (IsAllowListed(host, port))
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException)
        {
            return $"The host {host} could not be found.";
        }

        if (addresses.Length == 0)
        {
            return $"The host {host} could not be found.";
        }

        return addresses.Any(PrivateAddresses.IsPrivate)
            ? $"The host {host} is on a private, loopback or link-local network, which the hub does not reach unless the operator allows it."
            : null;
    }

    public bool IsAllowListed(string host, int port) => options.Value.AllowedPrivateHosts.Any(entry =>
        string.Equals(entry, host, StringComparison.OrdinalIgnoreCase)
        || string.Equals(entry, $"{host}:{port}", StringComparison.OrdinalIgnoreCase));
}
