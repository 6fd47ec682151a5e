using IntegrationHub.Jobs;
using IntegrationHub.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace IntegrationHub.HookRegistration;

/// <summary>Per-repository webhooks: registration, removal, reconciliation and secret rotation.</summary>
public static class HooksFeature
{
    public static IServiceCollection AddHooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HookOptions>(configuration.GetSection(HookOptions.Section));
        services.AddSingleton<HookUrls>();
        services.AddScoped<HookProviderSync>(); // reads the connection's hook rows to tell its hooks from other tenants'
        services.AddSingleton<HookPlanner>();
        services.AddScoped<HookRepair>();
        services.AddKeyedScoped<IWorkHandler, HookRegistrar>(WorkKinds.RegisterHook);
        services.AddKeyedScoped<IWorkHandler, HookRegistrar>(WorkKinds.RemoveHook);
        services.AddKeyedScoped<IWorkHandler, SyncHooksHandler>(WorkKinds.SyncHooks);
        services.AddKeyedScoped<IWorkHandler, HookReconciler>(WorkKinds.ReconcileHooks);
        services.AddKeyedScoped<IWorkHandler, ConnectionHookRemover>(WorkKinds.RemoveHooks);
        services.AddKeyedScoped<IWorkHandler, SecretRotator>(WorkKinds.RotateSecret);
        return services;
    }

    public static void AddHookJobs(this IQuartzBuilder q, IConfiguration configuration)
    {
        // Hook work runs with discovery and at its pace: off when discovery is off.
        var discover = configuration.GetSection(DiscoverOptions.Section).Get<DiscoverOptions>() ?? new DiscoverOptions();
        if (!discover.Enabled)
        {
            return;
        }

        var options = configuration.GetSection(HookOptions.Section).Get<HookOptions>() ?? new HookOptions();
        q.AddJob<HookWorkJob>(j => j.WithIdentity(HookWorkJob.Key).StoreDurably());
        q.AddTrigger(t => t.ForJob(HookWorkJob.Key).WithIdentity("hook-work", "hooks").StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, discover.JobSeconds))).RepeatForever()));
        if (options.ReconcileMinutes > 0)
        {
            q.AddJob<ReconcileScheduleJob>(j => j.WithIdentity(ReconcileScheduleJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(ReconcileScheduleJob.Key).WithIdentity("reconcile-schedule", "hooks")
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(options.ReconcileMinutes))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(options.ReconcileMinutes)).RepeatForever()));
        }
    }
}
