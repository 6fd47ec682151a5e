using IntegrationHub.Discovery;
using IntegrationHub.Jobs;

namespace IntegrationHub.Tests.Discover;

/// <summary>
/// The real discovery with an <see cref="OutcomeHold"/> after it (the run is done, its outcome not yet recorded) or,
/// <paramref name="before"/>, ahead of it (the node holds the job and has not begun).
/// </summary>
internal sealed class HeldDiscoverer(Discoverer inner, OutcomeHold hold, bool before = false) : IDiscoverConnectionJob
{
    public async Task RunAsync(Guid connectionId, string provider, string tenant, CancellationToken ct)
    {
        if (before)
        {
            await hold.StallAsync();
        }

        await inner.RunAsync(connectionId, provider, tenant, ct);
        if (!before)
        {
            await hold.StallAsync();
        }
    }
}
