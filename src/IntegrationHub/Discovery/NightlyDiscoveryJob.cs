using IntegrationHub.Jobs;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Discovery;

/// <summary>
/// Recurring "nightly-discovery" (cron <see cref="DiscoverOptions.NightlyCron"/>, UTC): enqueues a discovery of every
/// active connection that has a token, and of every GitHub App connection (listed as its installation, so repositories
/// added or removed at GitHub while the installation_repositories delivery was lost are caught up); a connection whose
/// discovery is still open gets no second one.
/// </summary>
internal sealed partial class NightlyDiscoveryJob(JobStarter jobs, ILogger<NightlyDiscoveryJob> log) : INightlyDiscoveryJob
{
    public async Task RunAsync(CancellationToken ct)
    {
        var connections = await jobs.ListableConnectionsAsync(ct);
        foreach (var id in connections)
        {
            await jobs.DiscoverAsync(id, ct);
        }

        LogQueued(connections.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly discovery queued for {Count} connections")]
    private partial void LogQueued(int count);
}
