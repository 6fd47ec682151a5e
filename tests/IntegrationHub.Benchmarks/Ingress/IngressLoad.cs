using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Benchmarks.Ingress;

/// <summary>The load of the <c>ingress</c> benchmark: closed loops of signed or forged posts, and slow uploads that never finish.</summary>
internal static class IngressLoad
{
    /// <summary>Runs <paramref name="concurrency"/> loops posting for <paramref name="duration"/>; counts answers by status code.</summary>
    public static async Task<(Dictionary<int, long> Codes, double Seconds)> RunAsync(HttpClient http, int concurrency, TimeSpan duration,
        Func<HttpRequestMessage> next)
    {
        var codes = new Dictionary<int, long>();
        using var stop = new CancellationTokenSource(duration);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                int code;
                try
                {
                    using var response = await http.SendAsync(next());
                    code = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    code = 0;
                }

                lock (codes)
                {
                    codes[code] = codes.GetValueOrDefault(code) + 1;
                }
            }
        })));
        return (codes, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    public static HttpRequestMessage GitHubPush(Guid hookId, string secret, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/github/{hookId}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        return request;
    }

    /// <summary>
    /// <paramref name="connections"/> uploads, each declaring <paramref name="declaredBytes"/> (under the provider's limit) and
    /// sending <paramref name="bytesPerSecond"/>, each on its own connection; they run until <paramref name="stop"/>.
    /// </summary>
    public static List<Task> SlowUploads(Uri hub, Guid hookId, int connections, long declaredBytes, int bytesPerSecond, CancellationToken stop) =>
        [.. Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = hub, Timeout = Timeout.InfiniteTimeSpan };
            var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/github/{hookId}") { Content = new SlowContent(declaredBytes, bytesPerSecond, stop) };
            request.Headers.Add("X-GitHub-Event", "push");
            request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
            try
            {
                using var response = await http.SendAsync(request, stop);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                // Cut off at the end of the phase, as intended.
            }
        }))];

    private sealed class SlowContent(long declared, int bytesPerSecond, CancellationToken stop) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            byte[] chunk = new byte[Math.Max(1, bytesPerSecond / 10)];
            Array.Fill(chunk, (byte)' ');
            for (long sent = 0; sent + chunk.Length < declared; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk, stop);
                await stream.FlushAsync(stop);
                await Task.Delay(100, stop);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = declared;
            return true;
        }
    }
}
