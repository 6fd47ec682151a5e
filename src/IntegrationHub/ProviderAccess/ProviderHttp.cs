using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Addresses;
using Microsoft.Extensions.Options;

namespace IntegrationHub.ProviderAccess;

/// <summary>
/// HTTP clients for every call to a provider. Each socket is checked by <see cref="GuardedSockets"/> as it
/// connects, for stored connections as much as at connect time: a base URL that was public when typed but resolves to
/// the hub's own network later (DNS rebinding, a changed record) is refused there. A connection with its own CA bundle
/// gets a handler trusting that bundle; handlers are pooled per bundle so connections are reused. Every client carries
/// the call bounds of <see cref="ProviderCallOptions"/> (timeout, body cap), which the providers library enforces.
/// </summary>
public sealed class ProviderHttp(IHttpClientFactory factory, GuardedSockets sockets, IOptions<ProviderCallOptions> options)
{
    private readonly ConcurrentDictionary<string, ProviderCallMeter> _handlers = new();

    /// <summary>
    /// The shared client (its primary handler is <see cref="NewHandler"/>), or one trusting a CA bundle; both count their
    /// calls through <see cref="ProviderCallMeter"/>.
    /// </summary>
    public HttpClient For(string? caBundlePem)
    {
        if (string.IsNullOrWhiteSpace(caBundlePem))
        {
            return factory.CreateClient(ConnectionApis.HttpClientName);
        }

        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(caBundlePem)));
        var handler = _handlers.GetOrAdd(key, _ => new ProviderCallMeter { InnerHandler = NewHandler(caBundlePem) });
        var client = new HttpClient(handler, disposeHandler: false);
        Bound(client);
        return client;
    }

    /// <summary>Applies the call bounds: the timeout covers headers and body, the cap counts the body's bytes as read.</summary>
    public void Bound(HttpClient client)
    {
        var o = options.Value;
        client.Timeout = TimeSpan.FromSeconds(Math.Max(1, o.TimeoutSeconds));
        client.MaxResponseContentBufferSize = Math.Clamp(o.MaxResponseBytes, 1024, int.MaxValue);
    }

    /// <summary>A guarded handler, trusting <paramref name="pem"/> besides the system store when given.</summary>
    public SocketsHttpHandler NewHandler(string? pem = null)
    {
        var handler = sockets.NewHandler();
        if (!string.IsNullOrWhiteSpace(pem))
        {
            var (trust, error) = CaBundleTrust.Parse(pem);
            if (trust is null)
            {
                throw new InvalidOperationException(error);
            }

            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, chain, errors) => trust.Validate(cert, chain, errors);
        }

        return handler;
    }
}
