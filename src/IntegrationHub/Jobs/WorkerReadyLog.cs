using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace IntegrationHub.Jobs;

/// <summary>Writes the one log line operators wait for: the scheduler is started, clustered, and this node is in.</summary>
internal sealed partial class WorkerReadyLog(ISchedulerFactory schedulers, WorkerNode node, ILogger<WorkerReadyLog> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scheduler = await schedulers.GetScheduler(stoppingToken);
        while (await scheduler.GetStatus(stoppingToken) != SchedulerStatus.Running)
        {
            await Task.Delay(200, stoppingToken);
        }

        var meta = await scheduler.GetMetadata(stoppingToken);
        LogReady(node.Id, meta.SchedulerInstanceId, meta.JobStoreClustered);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker ready: node {NodeId}, scheduler instance {InstanceId}, clustered={Clustered}")]
    private partial void LogReady(string nodeId, string instanceId, bool clustered);
}
