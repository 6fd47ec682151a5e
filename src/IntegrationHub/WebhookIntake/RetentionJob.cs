using Microsoft.Extensions.Logging;
using Quartz;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Every <see cref="RetentionOptions.JobMinutes"/> on whichever worker node Quartz hands it to: deletes old deliveries,
/// rejection counters and events (<see cref="RetentionSweep"/>). One at a time in the cluster; a run cut short leaves the
/// rest to the next, which simply deletes again.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class RetentionJob(RetentionSweep sweep, ILogger<RetentionJob> log) : IJob
{
    public static readonly JobKey Key = new("retention", "ingest");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
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
