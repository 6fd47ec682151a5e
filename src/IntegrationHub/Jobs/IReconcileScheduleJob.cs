using System.ComponentModel;

namespace IntegrationHub.Jobs;

/// <summary>Recurring "hook-reconciliation": enqueue a reconciliation of every active connection's hooks.</summary>
public interface IReconcileScheduleJob
{
    [DisplayName("Reconcile the hooks of every connection")]
    Task RunAsync(CancellationToken ct);
}
