using System.ComponentModel;

namespace IntegrationHub.Jobs;

/// <summary>Recurring "nightly-discovery": enqueue a discovery of every active connection that has a token.</summary>
public interface INightlyDiscoveryJob
{
    [DisplayName("Nightly re-discovery of every connection")]
    Task RunAsync(CancellationToken ct);
}
