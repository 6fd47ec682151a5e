namespace IntegrationHub.Tests.World;

/// <summary>
/// A timer of <see cref="ManualClock"/>: due at a point of the clock's time, fired by <see cref="ManualClock.Advance"/>.
/// A long advance fires a periodic timer once, as a real timer that fell behind does, then it is due a period later.
/// </summary>
internal sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _due;
    private TimeSpan _period;

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
            _period = period;
        }

        return true;
    }

    internal void FireIfDue(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_due is not { } due || due > now)
            {
                return;
            }

            _due = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : now + _period;
        }

        callback(state);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _due = null;
        }

        clock.Remove(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
