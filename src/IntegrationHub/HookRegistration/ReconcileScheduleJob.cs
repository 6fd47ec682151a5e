using System.Globalization;
using IntegrationHub.Data;
using IntegrationHub.Jobs;
using Microsoft.Extensions.Logging;
using Quartz;

namespace IntegrationHub.HookRegistration;

/// <summary>Every <see cref="HookOptions.ReconcileMinutes"/>: queues a reconciliation of every active connection's hooks.</summary>
internal sealed partial class ReconcileScheduleJob(ActiveConnectionsQueue queue, TimeProvider clock, ILogger<ReconcileScheduleJob> log) : IJob
{
    public static readonly JobKey Key = new("reconcile-schedule", "hooks");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        try
        {
            await queue.EnqueueAsync(WorkKinds.ReconcileHooks, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hook reconciliation could not be queued")]
    private partial void LogFailed(Exception ex);
}
