using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Connect;

/// <summary>
/// HTTP clients for provider calls that need more than the default: a connection's own CA bundle, and (for calls to
/// base URLs a tenant typed, at connect time) a socket-level check that the address really connected to is allowed.
/// Handlers are pooled per (bundle, guard) so connections are reused.
/// </summary>
public sealed class ProviderHttp(IHttpClientFactory factory, BaseUrlGuard guard)
{
    private readonly ConcurrentDictionary<string, SocketsHttpHandler> _handlers = new();

    /// <summary>For a stored connection: the shared client, or one trusting the connection's CA bundle.</summary>
    public HttpClient For(string? caBundlePem) => string.IsNullOrWhiteSpace(caBundlePem)
        ? factory.CreateClient(ConnectionApis.HttpClientName)
        : Create(caBundlePem, guarded: false);

    /// <summary>For connect-time calls to a tenant's base URL: every socket is checked against the guard.</summary>
    public HttpClient Guarded(string? caBundlePem) => Create(caBundlePem, guarded: true);

    private HttpClient Create(string? pem, bool guarded)
    {
        string key = (guarded ? "g:" : "u:") + (string.IsNullOrWhiteSpace(pem) ? "" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(pem))));
        var handler = _handlers.GetOrAdd(key, _ => NewHandler(pem, guarded));
        return new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };
    }

    private SocketsHttpHandler NewHandler(string? pem, bool guarded)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        if (!string.IsNullOrWhiteSpace(pem))
        {
            var (trust, error) = CaBundleTrust.Parse(pem);
            if (trust is null)
            {
                throw new InvalidOperationException(error);
            }

            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, chain, errors) => trust.Validate(cert, chain, errors);
        }

        if (guarded)
        {
            handler.ConnectCallback = ConnectCheckedAsync;
        }

        return handler;
    }

    private async ValueTask<Stream> ConnectCheckedAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var endpoint = context.DnsEndPoint;
        IPAddress[] addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        if (!guard.IsAllowListed(endpoint.Host, endpoint.Port) && addresses.Any(PrivateAddresses.IsPrivate))
        {
            throw new HttpRequestException($"{endpoint.Host} resolves to a private, loopback or link-local address; the hub does not connect there.");
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
