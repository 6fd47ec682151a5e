using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Benchmarks.Fanout;

/// <summary>
/// The subscribers' endpoint: Kestrel on loopback answering 204 to every POST, verifying nothing (the signature's cost
/// is the receiver's, not the hub's), counting requests and body bytes.
/// </summary>
internal sealed class FanoutReceiver(WebApplication app, string url) : IAsyncDisposable
{
    private static long _requests;
    private static long _bytes;

    public string Url { get; } = url;
    public static long Requests => Interlocked.Read(ref _requests);
    public static long Bytes => Interlocked.Read(ref _bytes);

    public static async Task<FanoutReceiver> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapPost("/hooks/{n:int}", async (HttpRequest request, CancellationToken ct) =>
        {
            // Read the body as a real receiver would, then drop it.
            byte[] buffer = new byte[16 * 1024];
            long length = 0;
            while (await request.Body.ReadAsync(buffer, ct) is var read and > 0)
            {
                length += read;
            }

            Interlocked.Increment(ref _requests);
            Interlocked.Add(ref _bytes, length);
            return Results.NoContent();
        });
        await app.StartAsync();
        return new FanoutReceiver(app, $"http://127.0.0.1:{port}");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
