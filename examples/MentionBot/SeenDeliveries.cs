namespace MentionBot;

/// <summary>
/// The webhook-ids already queued. Delivery is at least once: the hub retries when our 2xx got lost, and replays on
/// request, always with the same webhook-id. Remembering recent ids stops the common duplicates before any work; the
/// reply's Idempotency-Key stops the rest (a restart, or an id pushed out of this set, is still answered once by the hub).
/// <para>
/// Bounded by count as well as by age: ids leave oldest first (a queue beside the set), so each add costs O(1) and the
/// memory stays flat however many deliveries a day brings. Hub retries come within hours, so the newest ids are the ones
/// worth keeping.
/// </para>
/// </summary>
internal sealed class SeenDeliveries(TimeProvider clock, int capacity = SeenDeliveries.DefaultCapacity)
{
    public const int DefaultCapacity = 100_000;
    private static readonly TimeSpan Window = TimeSpan.FromDays(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);

    // Oldest first. An id forgotten and offered again has two entries; only the one whose number matches the set removes it.
    private readonly Queue<(string Id, long Number, DateTimeOffset At)> _order = new();
    private long _next;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>True the first time an id is offered; false for a repeat.</summary>
    public bool TryAdd(string webhookId)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_seen.ContainsKey(webhookId))
            {
                return false;
            }

            // The queue holds every id in the set (and a few forgotten ones), so capping it caps the set.
            while (_order.Count >= capacity || (_order.Count > 0 && now - _order.Peek().At > Window))
            {
                var oldest = _order.Dequeue();
                if (_seen.TryGetValue(oldest.Id, out long number) && number == oldest.Number)
                {
                    _seen.Remove(oldest.Id);
                }
            }

            long n = _next++;
            _seen.Add(webhookId, n);
            _order.Enqueue((webhookId, n, now));
            return true;
        }
    }

    /// <summary>Forgets an id whose work could not be queued, so the hub's retry is taken.</summary>
    public void Forget(string webhookId)
    {
        lock (_gate)
        {
            _seen.Remove(webhookId);
        }
    }
}
