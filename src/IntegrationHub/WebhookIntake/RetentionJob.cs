using IntegrationHub.Jobs;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Recurring "retention", every <see cref="RetentionOptions.JobMinutes"/>: deletes old deliveries, rejection counters
/// and events (<see cref="RetentionSweep"/>). Hangfire fires it once for the cluster; a run cut short leaves the rest to
/// the next, which simply deletes again (so a failure is logged, not retried).
/// </summary>
internal sealed partial class RetentionJob(RetentionSweep sweep, ILogger<RetentionJob> log) : IRetentionJob
{
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await sweep.RunAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention run failed; the next run deletes what is left")]
    private partial void LogFailed(Exception ex);
}
