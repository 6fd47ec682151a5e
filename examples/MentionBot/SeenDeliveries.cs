using System.Collections.Concurrent;

namespace MentionBot;

/// <summary>
/// The webhook-ids already queued. Delivery is at least once: the hub retries when our 2xx got lost, and replays on
/// request, always with the same webhook-id. Remembering ids for a day stops the common duplicates before any work;
/// the reply's Idempotency-Key stops the rest (a restart forgets this set, the hub does not forget the key).
/// </summary>
internal sealed class SeenDeliveries(TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(1);
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>True the first time an id is offered; false for a repeat.</summary>
    public bool TryAdd(string webhookId)
    {
        var now = clock.GetUtcNow();
        if (_seen.Count > PruneAbove)
        {
            foreach (var (id, at) in _seen)
            {
                if (now - at > Window)
                {
                    _seen.TryRemove(id, out _);
                }
            }
        }

        return _seen.TryAdd(webhookId, now);
    }

    /// <summary>Forgets an id whose work could not be queued, so the hub's retry is taken.</summary>
    public void Forget(string webhookId) => _seen.TryRemove(webhookId, out _);
}
