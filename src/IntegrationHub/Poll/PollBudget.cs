using System.Collections.Concurrent;
using IntegrationHub.Providers.Api;
using IntegrationHub.Settings;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Poll;

/// <summary>
/// Rate limits as a budget, per connection. The remaining quota comes from the latest answer's headers (kept here and in
/// connections.rate_limit_*). The poll leaves a reserve for discovery and hook repair, and when the quota left would not
/// last until the reset at the current pace it stretches the interval instead of running into the wall.
/// </summary>
internal sealed class PollBudget(IOptions<PollOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, RateLimitSnapshot> _latest = new();
    private readonly ConcurrentDictionary<Guid, double> _callsPerPoll = new();

    /// <param name="billedCalls">The poll's calls that count against the quota (GitHub does not count 304 answers); null: leave the pace estimate alone.</param>
    public void Observe(Guid connectionId, RateLimitSnapshot? snapshot, int? billedCalls)
    {
        if (snapshot is not null)
        {
            _latest[connectionId] = snapshot;
        }

        if (billedCalls is null)
        {
            return;
        }

        int calls = Math.Max(0, billedCalls.Value);
        _callsPerPoll.AddOrUpdate(connectionId, calls, (_, avg) => (avg * 0.8) + (calls * 0.2));
    }

    /// <summary>When to poll instead of now, if the reserve is reached; null to go ahead.</summary>
    public DateTimeOffset? DeferUntil(PollTarget target)
    {
        (int? remaining, DateTimeOffset? reset, int? limit) = State(target);
        var now = clock.GetUtcNow();
        if (remaining is not { } left || reset is not { } at || at <= now)
        {
            return null;
        }

        return left <= Reserve(limit) ? at : null;
    }

    /// <summary>
    /// The interval, stretched when the quota left would run out before the reset at the observed steady-state cost of a
    /// poll (an exponential average of billed calls per poll after the first look); the interval as is until one was observed.
    /// </summary>
    public TimeSpan Pace(PollTarget target, TimeSpan interval)
    {
        (int? remaining, DateTimeOffset? reset, int? limit) = State(target);
        var now = clock.GetUtcNow();
        if (remaining is not { } left || reset is not { } at || at <= now)
        {
            return interval;
        }

        // Pace by what steady-state polls of this connection were seen to bill (first looks are not observed: they cost far
        // more than the polls after them). Nothing observed yet: no guess stretches the interval; the reserve still holds.
        if (!_callsPerPoll.TryGetValue(target.ConnectionId, out double perPoll))
        {
            return interval;
        }

        double usable = Math.Max(1, left - Reserve(limit));
        double cycles = Math.Max(1, (at - now).TotalSeconds / interval.TotalSeconds);
        double needed = Math.Max(1, target.RepositoriesOnConnection) * perPoll * cycles;
        return needed <= usable ? interval : TimeSpan.FromSeconds(Math.Min(interval.TotalSeconds * needed / usable, Math.Max(interval.TotalSeconds, (at - now).TotalSeconds)));
    }

    private int Reserve(int? limit) => limit is { } l && l > 0 ? (int)Math.Ceiling(l * options.Value.ReserveFraction) : options.Value.ReserveCalls;

    private (int? Remaining, DateTimeOffset? Reset, int? Limit) State(PollTarget target) =>
        _latest.TryGetValue(target.ConnectionId, out RateLimitSnapshot? s)
            ? (s.Remaining, s.ResetAt, s.Limit)
            : (target.RateLimitRemaining, target.RateLimitResetAt, null);
}
