namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Counts rejected deliveries in memory; <see cref="RejectionFlusher"/> adds them to delivery_rejections every few seconds.
/// A rejection used to cost two row writes per request, one of them the shared unknown-hook counter row that every such
/// request updated: a spray of random hook ids became a stream of writes serialized on one row. Now it costs none.
/// Memory is bounded: keys are (provider, reason) for unknown hooks and (provider, hook, reason) for our own hooks only.
/// </summary>
internal sealed class RejectionCounter(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private Dictionary<(string Provider, Guid HookId, string Reason), (long Count, DateTimeOffset LastAt)> _counts = [];

    public void Count(string provider, Guid? hookId, string reason)
    {
        var now = clock.GetUtcNow();
        var key = (provider, hookId ?? Guid.Empty, reason);
        lock (_gate)
        {
            _counts[key] = _counts.TryGetValue(key, out var c) ? (c.Count + 1, now) : (1, now);
        }
    }

    /// <summary>Takes everything counted so far, leaving the counter empty; ordered, so concurrent flushes lock rows in one order.</summary>
    public IReadOnlyList<RejectionTally> Drain()
    {
        Dictionary<(string Provider, Guid HookId, string Reason), (long Count, DateTimeOffset LastAt)> taken;
        lock (_gate)
        {
            taken = _counts;
            _counts = [];
        }

        return [.. taken.Select(kv => new RejectionTally(kv.Key.Provider, kv.Key.HookId, kv.Key.Reason, kv.Value.Count, kv.Value.LastAt))
            .OrderBy(t => t.Provider, StringComparer.Ordinal).ThenBy(t => t.HookId).ThenBy(t => t.Reason, StringComparer.Ordinal)];
    }

    /// <summary>Puts back what a failed flush took, so no count is lost while the database is away.</summary>
    public void Restore(IEnumerable<RejectionTally> tallies)
    {
        lock (_gate)
        {
            foreach (var t in tallies)
            {
                var key = (t.Provider, t.HookId, t.Reason);
                _counts[key] = _counts.TryGetValue(key, out var c) ? (c.Count + t.Count, c.LastAt > t.LastAt ? c.LastAt : t.LastAt) : (t.Count, t.LastAt);
            }
        }
    }
}
