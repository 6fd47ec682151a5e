using IntegrationHub.Jobs;
using IntegrationHub.Tenancy;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// <see cref="ISyncHooksJob"/>: after a discovery, a watch-mode change or "retry failed", enqueue the hook batches the
/// settings imply. Idempotent: a second run finds the same repositories and the batches converge under their locks.
/// </summary>
internal sealed partial class SyncHooksJob(HookPlanner planner, ILogger<SyncHooksJob> log) : ISyncHooksJob
{
    public async Task RunAsync(Guid connectionId, string provider, string tenant, CancellationToken ct)
    {
        using var scope = WorkScope.Begin(log, connectionId: connectionId);
        var (register, remove) = await planner.PlanAsync(connectionId, ct);
        LogPlanned(connectionId, register, remove);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hooks of connection {ConnectionId}: {Register} to register, {Remove} to remove")]
    private partial void LogPlanned(Guid connectionId, int register, int remove);
}
