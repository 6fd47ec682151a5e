using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.Addresses;

/// <summary>
/// The socket-level half of the address guard: every connection a tenant-supplied URL leads to is checked as it is
/// opened, after DNS, so a host that was public when typed but resolves to the hub's own network later (DNS rebinding,
/// a changed record) is refused there. Provider calls (Connect) and outbound webhooks use handlers from here.
/// </summary>
public sealed class GuardedSockets(BaseUrlGuard guard)
{
    /// <summary>
    /// A handler that connects only through <see cref="ConnectAsync"/> and never follows redirects (a redirect would
    /// send the request to a URL nobody checked). Callers add TLS settings or pooling as they need.
    /// </summary>
    /// <remarks>
    /// No proxy, whatever HTTP(S)_PROXY says: through a proxy the socket opened is the proxy's, so the guard would
    /// check the proxy's address and never the target's, and any tenant URL (the metadata service, the hub's database)
    /// would pass. An operator who needs an egress proxy must have it refuse private targets itself; the hub does not
    /// route guarded calls through one.
    /// </remarks>
    public SocketsHttpHandler NewHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AllowAutoRedirect = false,
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = ConnectAsync,
    };

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> refusing private addresses unless allow-listed.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var endpoint = context.DnsEndPoint;
        IPAddress[] addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        if (!guard.IsAllowListed(endpoint.Host, endpoint.Port) && addresses.Any(PrivateAddresses.IsPrivate))
        {
            throw new AddressRefusedException(endpoint.Host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
