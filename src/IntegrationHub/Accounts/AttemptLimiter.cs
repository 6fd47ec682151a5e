using System.Collections.Concurrent;

namespace IntegrationHub.Accounts;

/// <summary>
/// Attempts per key in fixed windows, on the hub's clock. Keys whose window has ended are swept once a window, so the
/// memory held is what one window's attempts name, whoever picks the keys (per-account keys come from the form).
/// A limit of 0 or less turns the limiter off.
/// </summary>
internal sealed class AttemptLimiter(int permits, TimeSpan window, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, AttemptWindow> _counters = new(StringComparer.Ordinal);
    private readonly Lock _sweep = new();
    private DateTimeOffset _nextSweep = clock.GetUtcNow() + window;

    /// <summary>Null when the key may try again; otherwise how long until its window ends.</summary>
    public TimeSpan? Check(string key) => Attempt(key, count: false);

    /// <summary>Counts one attempt: null when it is within the limit; otherwise how long until the window ends.</summary>
    public TimeSpan? Take(string key) => Attempt(key, count: true);

    private TimeSpan? Attempt(string key, bool count)
    {
        if (permits <= 0)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        SweepIfDue(now);
        var counter = _counters.GetOrAdd(key, static (_, start) => new AttemptWindow { Start = start }, now);
        lock (counter)
        {
            if (now - counter.Start >= window)
            {
                counter.Start = now;
                counter.Count = 0;
            }

            if (counter.Count >= permits)
            {
                return counter.Start + window - now;
            }

            if (count)
            {
                counter.Count++;
            }

            return null;
        }
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if (now < _nextSweep || !_sweep.TryEnter())
        {
            return;
        }

        try
        {
            _nextSweep = now + window;
            foreach (var (key, counter) in _counters)
            {
                if (now - counter.Start >= window)
                {
                    _counters.TryRemove(new KeyValuePair<string, AttemptWindow>(key, counter));
                }
            }
        }
        finally
        {
            _sweep.Exit();
        }
    }

    private sealed class AttemptWindow
    {
        public DateTimeOffset Start { get; set; }
        public int Count { get; set; }
    }
}
