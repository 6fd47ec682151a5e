using System.Net;

namespace IntegrationHub.Tests.Ingest;

/// <summary>
/// A request body sent a few KB at a time, counting what it sent, up to its declared length or, without one, endlessly
/// (until <see cref="Cap"/>, a safety net).
/// </summary>
internal sealed class TrickleContent(long? declaredLength) : HttpContent
{
    public const long Cap = 128L * 1024 * 1024;
    private long _sent;

    public long Sent => Interlocked.Read(ref _sent);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        byte[] chunk = new byte[4096];
        Array.Fill(chunk, (byte)' ');
        chunk[0] = (byte)'{';
        try
        {
            for (int i = 0; Sent < Cap && (declaredLength is null || Sent < declaredLength); i++)
            {
                await stream.WriteAsync(chunk);
                await stream.FlushAsync();
                Interlocked.Add(ref _sent, chunk.Length);
                chunk[0] = (byte)' ';
                if (i % 16 == 0)
                {
                    await Task.Delay(1);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The server answered and stopped reading: that is the point.
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = declaredLength ?? 0;
        return declaredLength is not null;
    }
}
