using IntegrationHub.Jobs;
using Microsoft.Extensions.Logging;
using Quartz;

namespace IntegrationHub.Discovery;

/// <summary>Nightly (cron, <see cref="DiscoverOptions.NightlyCron"/>): queues a re-discovery of every active connection.</summary>
internal sealed partial class NightlyDiscoveryJob(ActiveConnectionsQueue queue, ILogger<NightlyDiscoveryJob> log) : IJob
{
    public static readonly JobKey Key = new("nightly-discovery", "discover");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        try
        {
            LogQueued(await queue.EnqueueAsync(WorkKinds.Discover, null, ct));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly discovery queued for {Count} connections")]
    private partial void LogQueued(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nightly discovery could not be queued")]
    private partial void LogFailed(Exception ex);
}
