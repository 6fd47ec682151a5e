using IntegrationHub.Jobs;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// Recurring "hook-reconciliation", every <see cref="HookOptions.ReconcileMinutes"/>: enqueues a reconciliation of every
/// active connection's hooks (one open per connection), checking the hooks not checked since now.
/// </summary>
internal sealed class ReconcileScheduleJob(JobStarter jobs, TimeProvider clock) : IReconcileScheduleJob
{
    public async Task RunAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow();
        foreach (var id in await jobs.ActiveConnectionsAsync(ct))
        {
            await jobs.ReconcileHooksAsync(id, since, ct);
        }
    }
}
