using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace IntegrationHub.Discovery;

/// <summary>Repository discovery: services for both hosts, the recurring jobs on worker nodes, the Repositories page's actions.</summary>
public static class DiscoverFeature
{
    public static IServiceCollection AddDiscover(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DiscoverOptions>(configuration.GetSection(DiscoverOptions.Section));
        services.AddSingleton<DiscoveryStore>();
        services.AddSingleton<RateLimitGate>();
        services.AddSingleton<RepositoryLocks>();
        services.AddSingleton<ActiveConnectionsQueue>();
        services.AddSingleton<WorkRunner>();
        services.AddKeyedScoped<IWorkHandler, Discoverer>(WorkKinds.Discover);
        return services;
    }

    public static void AddDiscoverJobs(this IQuartzBuilder q, IConfiguration configuration)
    {
        var options = configuration.GetSection(DiscoverOptions.Section).Get<DiscoverOptions>() ?? new DiscoverOptions();
        if (!options.Enabled)
        {
            return;
        }

        q.AddJob<DiscoveryWorkJob>(j => j.WithIdentity(DiscoveryWorkJob.Key).StoreDurably());
        q.AddTrigger(t => t.ForJob(DiscoveryWorkJob.Key).WithIdentity("discovery-work", "discover").StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, options.JobSeconds))).RepeatForever()));
        q.AddJob<NightlyDiscoveryJob>(j => j.WithIdentity(NightlyDiscoveryJob.Key).StoreDurably());
        q.AddTrigger(t => t.ForJob(NightlyDiscoveryJob.Key).WithIdentity("nightly-discovery", "discover")
            .WithCronSchedule(options.NightlyCron, c => c.InTimeZone(TimeZoneInfo.Utc)));
    }
}
