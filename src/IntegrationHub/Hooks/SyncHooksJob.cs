using IntegrationHub.Jobs;

namespace IntegrationHub.Hooks;

/// <summary><see cref="ISyncHooksJob"/>: after a watch-mode change or "retry failed", enqueue the hook batches the settings imply.</summary>
internal sealed class SyncHooksJob(HookPlanner planner) : ISyncHooksJob
{
    public Task RunAsync(Guid connectionId, string provider, string tenant, CancellationToken ct) => planner.PlanAsync(connectionId, ct);
}
