using IntegrationHub.Hooks;
using IntegrationHub.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Discover;

/// <summary>Repository discovery: services and jobs for both hosts, the recurring jobs on worker nodes, the Repositories page's actions.</summary>
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
        services.AddScoped<RepositoryActions>();
        services.AddScoped<RepositoriesView>();
        services.AddHooks(configuration);
        return services;
    }

    /// <summary>Worker nodes: the recurring jobs, with stable ids ("nightly-discovery", and the hooks' "hook-reconciliation").</summary>
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

        services.AddHookJobs(configuration, options);
        return services;
    }

    public static IEndpointRouteBuilder MapDiscover(this IEndpointRouteBuilder app)
    {
        RepositoryEndpoints.Map(app);
        return app;
    }
}
