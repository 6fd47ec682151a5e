namespace IntegrationHub.Tests.Ingest;

/// <summary>
/// A request body that hands out what it has at once, <paramref name="length"/> bytes of spaces and then its end (long.MaxValue:
/// none), counting what was taken. Every read completes synchronously, so a reader awaiting it never leaves the calling thread
/// and GC.GetAllocatedBytesForCurrentThread sees all it allocated.
/// </summary>
internal sealed class InstantBody(long length) : Stream
{
    private long _taken;

    public long Taken => _taken;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _taken; set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = (int)Math.Min(buffer.Length, length - _taken);
        buffer[..n].Fill((byte)' ');
        _taken += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
