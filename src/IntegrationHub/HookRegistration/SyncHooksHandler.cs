using IntegrationHub.Jobs;

namespace IntegrationHub.HookRegistration;

/// <summary><see cref="WorkKinds.SyncHooks"/>: after a watch-mode change, queue the per-repository hook work it implies.</summary>
internal sealed class SyncHooksHandler(HookPlanner planner) : IWorkHandler
{
    public async Task<WorkResult> HandleAsync(ClaimedWork item, CancellationToken ct)
    {
        if (item.ConnectionId is { } id)
        {
            await planner.PlanAsync(id, ct);
        }

        return WorkResult.Done;
    }
}
