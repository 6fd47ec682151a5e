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
using Quartz;

namespace IntegrationHub.Hosting;

/// <summary>
/// The worker: Quartz clustered on PostgreSQL runs a few recurring jobs; the work itself is claimed from our tables.
/// Quartz creates (or validates) its own qrtz_* tables; we never write to them.
/// </summary>
public static class HubWorker
{
    public static IHostApplicationBuilder AddHubWorker(this IHostApplicationBuilder builder)
    {
        var hub = builder.Configuration.GetSection(HubOptions.Section).Get<HubOptions>() ?? new HubOptions();
        string connectionString = builder.Configuration.GetConnectionString("Hub")!;
        builder.Services.AddSingleton<WorkerNode>();
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "IntegrationHub";
                s.InstanceId = WorkerNode.IdFrom(hub);
                // On shutdown running jobs are cancelled rather than awaited: their work is leased in our tables, so a
                // cancelled item is simply taken again later, and a node never hangs on stop.
                s.ShutdownJobInterruption = ShutdownJobInterruption.Always;
            });
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(10));
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });

            q.AddJob<HeartbeatJob>(j => j.WithIdentity(HeartbeatJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(HeartbeatJob.Key).WithIdentity("heartbeat", "system").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, hub.Worker.HeartbeatSeconds))).RepeatForever()));
            // Each feature's recurring jobs are added here, one line per feature.
            q.AddIngestJobs(builder.Configuration);
            q.AddPollJobs(builder.Configuration);
            q.AddDiscoverJobs(builder.Configuration);
            q.AddHookJobs(builder.Configuration);
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddHostedService<WorkerReadyLog>();
        builder.Services.AddOutboundLoop(builder.Configuration);
        return builder;
    }
}
