using IntegrationHub.Jobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace IntegrationHub.Discovery;

/// <summary>
/// Recurring on the cluster: claims connection-level work (discover, sync_hooks, reconcile_hooks, remove_hooks) and
/// hands it to its handler. Firings overlap across nodes; SKIP LOCKED claims keep them apart. Stopping the host
/// cancels the work mid-way, leaving the items leased for another node to resume.
/// </summary>
internal sealed partial class DiscoveryWorkJob(WorkRunner runner, IHostApplicationLifetime lifetime, ILogger<DiscoveryWorkJob> log) : IJob
{
    public static readonly JobKey Key = new("discovery-work", "discover");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping);
        try
        {
            await runner.RunAsync(WorkKinds.DiscoveryKinds, batch: 2, concurrency: 2, linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // Host stopping: leased items are resumed elsewhere.
        }
        catch (Exception ex)
        {
            LogFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discovery work firing failed")]
    private partial void LogFailed(Exception ex);
}
