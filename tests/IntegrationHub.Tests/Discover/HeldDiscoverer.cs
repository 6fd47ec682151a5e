using IntegrationHub.Discovery;
using IntegrationHub.Jobs;

namespace IntegrationHub.Tests.Discover;

/// <summary>The real discovery, then an <see cref="OutcomeHold"/>: the run is done, its outcome not yet recorded.</summary>
internal sealed class HeldDiscoverer(Discoverer inner, OutcomeHold hold) : IDiscoverConnectionJob
{
    public async Task RunAsync(Guid connectionId, string provider, string tenant, CancellationToken ct)
    {
        await inner.RunAsync(connectionId, provider, tenant, ct);
        await hold.StallAsync();
    }
}
