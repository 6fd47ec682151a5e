namespace IntegrationHub.Tests.World;

/// <summary>
/// A clock the test moves by hand. Timers made on it (a PeriodicTimer or Task.Delay given this clock) fire when
/// <see cref="Advance"/> reaches their due time, never on their own, so a test moves time on instead of waiting for it.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset now;
        ManualTimer[] timers;
        lock (_gate)
        {
            _now += by;
            now = _now;
            timers = [.. _timers];
        }

        // Outside the lock: a callback may read the clock or change its own timer.
        foreach (var timer in timers)
        {
            timer.FireIfDue(now);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    internal void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }
}
