using System.Text;

namespace IntegrationHub.Providers.Api;

/// <summary>
/// Sends one request to a provider and reads its answer within the bounds the caller set on the <see cref="HttpClient"/>,
/// because a tenant may point a self-hosted connection at any server, hostile or broken:
/// <see cref="HttpClient.Timeout"/> covers the headers and the body together (a server that trickles a byte now and then
/// is cut off like one that never answers), and <see cref="HttpClient.MaxResponseContentBufferSize"/> caps the body,
/// counted as it is read: a declared Content-Length is never allocated, and a chunked body stops at the cap.
/// </summary>
internal static class BoundedExchange
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>
    /// The answer (the caller disposes it) and its body as text. Failures are <see cref="ProviderApiException"/>s whose
    /// message starts with <paramref name="call"/> (provider and request, never a token): no answer or a timeout is
    /// <see cref="ProviderApiErrorKind.Network"/>, a body over the cap <see cref="ProviderApiErrorKind.BadResponse"/>.
    /// </summary>
    public static async Task<(HttpResponseMessage Response, string Body)> SendAsync(
        HttpClient http, HttpRequestMessage request, ProviderKind provider, string call, CancellationToken cancellationToken)
    {
        long max = http.MaxResponseContentBufferSize;
        using CancellationTokenSource timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Wall-clock time on purpose, as HttpClient.Timeout itself: a socket waits in real time, whatever the hub's clock says.
        if (http.Timeout != Timeout.InfiniteTimeSpan && http.Timeout.TotalMilliseconds < int.MaxValue)
        {
            timeout.CancelAfter(http.Timeout);
        }

        HttpResponseMessage? response = null;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength is long declared && declared > max)
            {
                throw TooLarge(provider, call, max);
            }

            string body = await ReadAsync(response.Content, max, provider, call, timeout.Token).ConfigureAwait(false);
            return (response, body);
        }
        catch (Exception ex) when (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw new ProviderApiException(provider, ProviderApiErrorKind.Network,
                $"{call}: no answer within {Seconds(http.Timeout)}; the call was given up", innerException: ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            response?.Dispose();
            throw new ProviderApiException(provider, ProviderApiErrorKind.Network, $"{call} could not be reached: {ex.Message}", innerException: ex);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    /// <summary>A human size: "10 MiB", "64 KiB", or bytes.</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MiB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KiB",
        _ => $"{bytes} bytes",
    };

    private static async Task<string> ReadAsync(HttpContent content, long max, ProviderKind provider, string call, CancellationToken ct)
    {
        Stream stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using MemoryStream buffer = new();
            byte[] chunk = new byte[ChunkSize];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    throw TooLarge(provider, call, max);
                }

                buffer.Write(chunk, 0, read);
            }

            buffer.Position = 0;
            using StreamReader reader = new(buffer, EncodingOf(content), detectEncodingFromByteOrderMarks: true);
            return await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        }
    }

    private static Encoding EncodingOf(HttpContent content)
    {
        string? charset = content.Headers.ContentType?.CharSet?.Trim('"');
        try
        {
            return string.IsNullOrEmpty(charset) ? Encoding.UTF8 : Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8; // an unknown charset: providers speak UTF-8 JSON
        }
    }

    private static ProviderApiException TooLarge(ProviderKind provider, string call, long max) =>
        new(provider, ProviderApiErrorKind.BadResponse, $"{call}: the provider's answer was over the {Size(max)} limit; it was not read further");

    private static string Seconds(TimeSpan t) => t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.#} s" : $"{t.TotalMilliseconds:0} ms";
}
