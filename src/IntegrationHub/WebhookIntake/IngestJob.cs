using IntegrationHub.Data;
using Microsoft.Extensions.Logging;
using Quartz;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Wakes every second on whichever worker node Quartz hands the trigger to and processes what is due. Firings may overlap
/// across nodes (and on one node when a run is long); SKIP LOCKED claims keep them apart. The work is in <see cref="DeliveryProcessor"/>.
/// </summary>
internal sealed partial class IngestJob(DeliveryProcessor processor, ILogger<IngestJob> log) : IJob
{
    public static readonly JobKey Key = new("ingest", "ingest");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        try
        {
            await processor.RunAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery processing run failed")]
    private partial void LogFailed(Exception ex);
}
