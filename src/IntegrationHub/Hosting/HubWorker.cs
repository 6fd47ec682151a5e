using IntegrationHub.Connect;
using IntegrationHub.Discovery;
using IntegrationHub.HookRegistration;
using IntegrationHub.Jobs;
using IntegrationHub.Outbound;
using IntegrationHub.Poll;
using IntegrationHub.Settings;
using IntegrationHub.WebhookIntake;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Hosting;

/// <summary>
/// A worker node: Hangfire servers on the shared storage (schema "hangfire" of the hub's database, created by Hangfire).
/// Discrete work (discovery, hooks, clean-up, rotation, the recurring sweeps) runs as jobs on the queues; the streams
/// (the inbox, the poll, the outbound sender, the heartbeat) run as background processes on every node, claiming rows
/// from our tables with FOR UPDATE SKIP LOCKED. Any number of nodes share the storage.
/// </summary>
public static class HubWorker
{
    public static IHostApplicationBuilder AddHubWorker(this IHostApplicationBuilder builder)
    {
        var hub = builder.Configuration.GetSection(HubOptions.Section).Get<HubOptions>() ?? new HubOptions();
        var services = builder.Services;
        services.AddSingleton<WorkerNode>();
        services.AddHubJobServer(WorkerNode.IdFrom(hub));
        // Each feature's recurring jobs and background processes, one line per feature.
        services.AddDiscoverJobs(builder.Configuration);
        services.AddHookJobs(builder.Configuration);
        services.AddIngestProcess(builder.Configuration);
        services.AddRetentionJob(builder.Configuration);
        services.AddAppDeliverySweepJob();
        services.AddPollProcess(builder.Configuration);
        services.AddOutboundLoop(builder.Configuration);
        services.AddTokenRefreshJob(builder.Configuration);
        return builder;
    }
}
