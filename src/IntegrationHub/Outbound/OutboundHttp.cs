using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IntegrationHub.Addresses;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Outbound;

/// <summary>
/// POSTs one signed webhook. The socket is checked by the address guard as it connects (<see cref="GuardedSockets"/>),
/// redirects are not followed (a 3xx is a failure: the target was checked, the redirect's was not), the whole exchange
/// has a timeout, and at most 1 KB of a text response is kept for the attempt log.
/// </summary>
public sealed class OutboundHttp(GuardedSockets sockets, IOptions<OutboundOptions> options, TimeProvider clock) : IDisposable
{
    public const int ExcerptBytes = 1024;
    private readonly HttpClient _client = new(sockets.NewHandler()) { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<AttemptResult> PostAsync(string url, string messageId, long timestamp, string signature, byte[] body, CancellationToken ct)
    {
        int timeoutSeconds = Math.Max(1, options.Value.TimeoutSeconds);
        long started = clock.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("webhook-id", messageId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", signature);
        request.Headers.UserAgent.ParseAdd("IntegrationHub-Webhooks/1.0");
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed(started, $"No answer within {timeoutSeconds} s.");
        }
        catch (HttpRequestException e) when (e.InnerException is AddressRefusedException refused)
        {
            return Failed(started, refused.Message);
        }
        catch (HttpRequestException e)
        {
            return Failed(started, $"Could not connect: {e.HttpRequestError}.");
        }
        catch (IOException)
        {
            return Failed(started, "The connection broke before an answer arrived.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything else is still this endpoint's attempt: recorded and retried, never left claimed until the lease ends.
            return Failed(started, $"The request failed ({e.GetType().Name}).");
        }

        using (response)
        {
            int code = (int)response.StatusCode;
            string? error = code switch
            {
                >= 200 and < 300 => null,
                >= 300 and < 400 => $"HTTP {code}: redirects are not followed; point the subscription at the final address.",
                _ => $"HTTP {code}",
            };
            // The status decides the outcome; the body is only for the log, so a broken or slow one costs the excerpt alone.
            string? excerpt = await ExcerptOrNullAsync(response.Content, timeout.Token);
            return new AttemptResult(code, Elapsed(started), error, excerpt, RetryAfter(response));
        }
    }

    public void Dispose() => _client.Dispose();

    private AttemptResult Failed(long started, string error) => new(null, Elapsed(started), error, null, null);

    private int Elapsed(long started) => (int)Math.Min(int.MaxValue, clock.GetElapsedTime(started).TotalMilliseconds);

    private static async Task<string?> ExcerptOrNullAsync(HttpContent content, CancellationToken ct)
    {
        try
        {
            return await ExcerptAsync(content, ct);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Text answers only (a binary body tells a person nothing); the rest of the body is never read.</summary>
    private static async Task<string?> ExcerptAsync(HttpContent content, CancellationToken ct)
    {
        string? type = content.Headers.ContentType?.MediaType;
        bool text = type is null || type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || type.Contains("json", StringComparison.OrdinalIgnoreCase) || type.Contains("xml", StringComparison.OrdinalIgnoreCase);
        if (!text)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(ct);
        byte[] buffer = new byte[ExcerptBytes];
        int read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), ct) is var n and > 0)
        {
            read += n;
        }

        // A cut in the middle of a multi-byte character decodes to U+FFFD; control characters other than line breaks are dropped.
        string decoded = Encoding.UTF8.GetString(buffer, 0, read);
        string clean = new([.. decoded.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t')]);
        return clean.Length == 0 ? null : clean;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        return Providers.Api.RetryAfter.Read(response.Headers, now) - now;
    }
}
