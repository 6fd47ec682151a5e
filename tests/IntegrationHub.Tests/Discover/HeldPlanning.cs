using IntegrationHub.HookRegistration;
using IntegrationHub.Jobs;

namespace IntegrationHub.Tests.Discover;

/// <summary>The real hook planning with an <see cref="OutcomeHold"/> ahead of it: the run is done, its hooks not yet planned.</summary>
internal sealed class HeldPlanning(HookPlanner inner, OutcomeHold hold) : IHookPlanning
{
    public async Task<(int Register, int Remove)> PlanAsync(Guid connectionId, CancellationToken ct)
    {
        await hold.StallAsync();
        return await inner.PlanAsync(connectionId, ct);
    }
}
