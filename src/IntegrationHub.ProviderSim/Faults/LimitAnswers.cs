using System.Collections.Concurrent;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Faults;

/// <summary>
/// How many calls each provider refused for a rate limit, by kind (primary, secondary-concurrency, ...), so a benchmark
/// can report "limit answers" from the simulator's side too (<c>GET /_sim/state</c>, <c>limitAnswers</c>).
/// </summary>
internal sealed class LimitAnswers
{
    private readonly ConcurrentDictionary<(string Provider, string Kind), long> _counts = new();

    public void Record(ProviderId provider, string kind) => _counts.AddOrUpdate((provider.Slug, kind), 1, (_, n) => n + 1);

    public Dictionary<string, Dictionary<string, long>> Snapshot() => _counts
        .GroupBy(c => c.Key.Provider)
        .ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Key.Kind, c => c.Value));

    public void Reset() => _counts.Clear();
}
