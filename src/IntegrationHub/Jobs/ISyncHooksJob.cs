using System.ComponentModel;
using Hangfire;

namespace IntegrationHub.Jobs;

/// <summary>
/// Compare what a connection's watch settings want with its hooks and enqueue <see cref="IHookBatchJob"/>s for the
/// repositories that differ (a watch-mode change, "retry failed", the end of a discovery or reconciliation).
/// </summary>
public interface ISyncHooksJob
{
    [Queue(JobQueues.Hooks)]
    [DisplayName("Plan hooks of {1} · {2} (connection {0})")]
    Task RunAsync(Guid connectionId, string provider, string tenant, CancellationToken ct);
}
