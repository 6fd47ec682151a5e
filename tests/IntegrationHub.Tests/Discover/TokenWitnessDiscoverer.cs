using IntegrationHub.Discovery;
using IntegrationHub.Jobs;

namespace IntegrationHub.Tests.Discover;

/// <summary>The real discovery, keeping the token Hangfire handed the job: a test can wait until the job was taken over from this node.</summary>
internal sealed class TokenWitnessDiscoverer(Discoverer inner, TokenWitnessDiscoverer.Witness witness) : IDiscoverConnectionJob
{
    public Task RunAsync(Guid connectionId, string provider, string tenant, CancellationToken ct)
    {
        witness.Token = ct;
        return inner.RunAsync(connectionId, provider, tenant, ct);
    }

    public sealed class Witness
    {
        public CancellationToken Token { get; set; }
    }
}
