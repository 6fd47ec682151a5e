using System.Threading.Channels;

namespace IntegrationHub.ProviderSim.Delivery;

/// <summary>
/// Hands deliveries from the control API to <see cref="DeliveryWorker"/>; counts outstanding work so tests can wait
/// for quiescence (<c>POST /_sim/deliveries/wait</c>) instead of sleeping.
/// </summary>
internal sealed class DeliveryQueue
{
    private readonly Channel<DeliveryWork> _channel = Channel.CreateUnbounded<DeliveryWork>(new UnboundedChannelOptions { SingleReader = true });
    private int _pending;

    public ChannelReader<DeliveryWork> Reader => _channel.Reader;

    public int Pending => Volatile.Read(ref _pending);

    public void Enqueue(DeliveryWork work)
    {
        Interlocked.Increment(ref _pending);
        if (!_channel.Writer.TryWrite(work))
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>Called once per dequeued item, after any follow-up (retry) has been enqueued.</summary>
    public void Done() => Interlocked.Decrement(ref _pending);

    /// <summary>True when nothing is queued or in flight before <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitIdle(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Pending > 0)
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(10, ct);
        }

        return true;
    }
}
