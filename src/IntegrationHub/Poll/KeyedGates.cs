using System.Collections.Concurrent;

namespace IntegrationHub.Poll;

/// <summary>One semaphore per key (a connection, a provider host), shared by every poll on this node.</summary>
internal sealed class KeyedGates
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public SemaphoreSlim For(string key, int limit) => _gates.GetOrAdd(key, _ => new SemaphoreSlim(Math.Max(1, limit)));
}
