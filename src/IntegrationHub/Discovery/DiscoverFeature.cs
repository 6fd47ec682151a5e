using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Discovery;

/// <summary>Repository discovery: services and jobs for both hosts, the recurring job on worker nodes.</summary>
public static class DiscoverFeature
{
    public static IServiceCollection AddDiscover(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DiscoverOptions>(configuration.GetSection(DiscoverOptions.Section));
        services.AddSingleton<DiscoveryStore>();
        services.AddSingleton<RateLimitGate>();
        services.AddSingleton<RepositoryLocks>();
        services.AddScoped<IDiscoverConnectionJob, Discoverer>();
        services.AddScoped<INightlyDiscoveryJob, NightlyDiscoveryJob>();
        return services;
    }

    /// <summary>Worker nodes: the nightly re-discovery, a recurring job with a stable id ("nightly-discovery").</summary>
    public static IServiceCollection AddDiscoverJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DiscoverOptions.Section).Get<DiscoverOptions>() ?? new DiscoverOptions();
        if (options.Enabled)
        {
            RecurringJobSpec.Add<INightlyDiscoveryJob>(services, "nightly-discovery", j => j.RunAsync(CancellationToken.None), options.NightlyCron);
        }
        else
        {
            RecurringJobSpec.Remove(services, "nightly-discovery");
        }

        return services;
    }
}
