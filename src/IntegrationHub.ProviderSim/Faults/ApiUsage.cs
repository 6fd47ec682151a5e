using System.Collections.Concurrent;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Faults;

/// <summary>
/// Counts API calls per token and window so the ordinary rate-limit headers (remaining, used, reset) move as on
/// the real providers. Answers with 304 are not counted (GitHub: conditional requests are free).
/// </summary>
internal sealed class ApiUsage(SimStore store)
{
    private readonly ConcurrentDictionary<(ProviderId, string), (long Window, int Used)> _counts = new();

    public (int Used, DateTimeOffset Reset) Count(ProviderId provider, string key, TimeSpan window, bool increment)
    {
        var now = store.Now;
        var windowIndex = now.ToUnixTimeSeconds() / (long)window.TotalSeconds;
        var entry = _counts.AddOrUpdate((provider, key),
            _ => (windowIndex, increment ? 1 : 0),
            (_, old) => old.Window == windowIndex ? (windowIndex, old.Used + (increment ? 1 : 0)) : (windowIndex, increment ? 1 : 0));
        var reset = DateTimeOffset.FromUnixTimeSeconds((windowIndex + 1) * (long)window.TotalSeconds);
        return (entry.Used, reset);
    }

    public void Reset() => _counts.Clear();
}
