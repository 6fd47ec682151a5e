using System.Collections.Concurrent;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Faults;

/// <summary>
/// Counts API calls per token and window so the ordinary rate-limit headers (remaining, used, reset) move as on
/// the real providers. Answers with 304 are not counted (GitHub: conditional requests are free). A key may count points
/// rather than calls (GitHub's GraphQL budget, under its own key) and may be used for short windows (secondary limits).
/// </summary>
internal sealed class ApiUsage(SimStore store)
{
    private readonly ConcurrentDictionary<(ProviderId, string), (long Window, int Used)> _counts = new();
    private readonly Lock _spendGate = new();

    public (int Used, DateTimeOffset Reset) Count(ProviderId provider, string key, TimeSpan window, bool increment) =>
        Count(provider, key, window, increment ? 1 : 0);

    /// <summary>Adds <paramref name="amount"/> (0: just reads) to the key's count in the current window.</summary>
    public (int Used, DateTimeOffset Reset) Count(ProviderId provider, string key, TimeSpan window, int amount)
    {
        var now = store.Now;
        var windowIndex = now.ToUnixTimeSeconds() / (long)window.TotalSeconds;
        var entry = _counts.AddOrUpdate((provider, key),
            _ => (windowIndex, amount),
            (_, old) => old.Window == windowIndex ? (windowIndex, old.Used + amount) : (windowIndex, amount));
        var reset = DateTimeOffset.FromUnixTimeSeconds((windowIndex + 1) * (long)window.TotalSeconds);
        return (entry.Used, reset);
    }

    /// <summary>
    /// Adds <paramref name="amount"/> only if the window's count stays within <paramref name="limit"/>; false (nothing
    /// added) otherwise. Atomic against other calls of this method.
    /// </summary>
    public bool TrySpend(ProviderId provider, string key, TimeSpan window, int amount, int limit, out DateTimeOffset reset)
    {
        lock (_spendGate)
        {
            var (used, windowEnd) = Count(provider, key, window, 0);
            reset = windowEnd;
            if (used + amount > limit) return false;
            Count(provider, key, window, amount);
            return true;
        }
    }

    public void Reset() => _counts.Clear();
}
