using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.HookRegistration;

/// <summary>Per-repository webhooks: registration, removal, reconciliation and secret rotation, each a Hangfire job.</summary>
public static class HooksFeature
{
    public static IServiceCollection AddHooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HookOptions>(configuration.GetSection(HookOptions.Section));
        services.Configure<HookPaceOptions>(configuration.GetSection(HookPaceOptions.Section));
        services.AddSingleton<HookCreationPace>(); // the dashboard's estimate reads its allowance too
        services.AddSingleton<HookUrls>();
        services.AddScoped<HookProviderSync>(); // reads the connection's hook rows to tell its hooks from other tenants'
        services.AddSingleton<HookPlanner>();
        services.AddSingleton<IHookPlanning>(sp => sp.GetRequiredService<HookPlanner>());
        services.AddScoped<HookRepair>();
        services.AddScoped<HookRegistrar>();
        services.AddScoped<IHookBatchJob, HookBatchJob>();
        services.AddScoped<ISyncHooksJob, SyncHooksJob>();
        services.AddScoped<IReconcileHooksJob, HookReconciler>();
        services.AddScoped<IRemoveHooksJob, ConnectionHookRemover>();
        services.AddScoped<IRotateSecretJob, SecretRotator>();
        services.AddScoped<IReconcileScheduleJob, ReconcileScheduleJob>();
        return services;
    }

    /// <summary>Worker nodes: the reconciliation schedule, a recurring job with a stable id ("hook-reconciliation"); off with discovery.</summary>
    public static IServiceCollection AddHookJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var discover = configuration.GetSection(DiscoverOptions.Section).Get<DiscoverOptions>() ?? new DiscoverOptions();
        var options = configuration.GetSection(HookOptions.Section).Get<HookOptions>() ?? new HookOptions();
        if (discover.Enabled && options.ReconcileMinutes > 0)
        {
            RecurringJobSpec.Add<IReconcileScheduleJob>(services, "hook-reconciliation", j => j.RunAsync(CancellationToken.None),
                RecurringJobSpec.EveryMinutes(options.ReconcileMinutes));
        }
        else
        {
            RecurringJobSpec.Remove(services, "hook-reconciliation");
        }

        return services;
    }
}
