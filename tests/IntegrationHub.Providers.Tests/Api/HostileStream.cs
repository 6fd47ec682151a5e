namespace IntegrationHub.Providers.Tests.Api;

/// <summary>
/// A response body from a hostile provider: spaces without end, counting what was read from it; with
/// <paramref name="trickle"/>, one byte and then nothing more, ever (until the reader gives up).
/// </summary>
internal sealed class HostileStream(bool trickle = false) : Stream
{
    private long _served;

    public long Served => Interlocked.Read(ref _served);
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Served; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (trickle && Served > 0)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        int n = trickle ? Math.Min(1, buffer.Length) : buffer.Length;
        buffer.Span[..n].Fill((byte)' ');
        Interlocked.Add(ref _served, n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
