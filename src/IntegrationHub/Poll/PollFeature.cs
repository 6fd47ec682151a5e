using Hangfire.Server;
using IntegrationHub.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Poll;

/// <summary>The 60-second safety net: services for both hosts, and the background process on worker nodes.</summary>
public static class PollFeature
{
    public static IServiceCollection AddPoll(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PollOptions>(configuration.GetSection(PollOptions.Section));
        services.AddSingleton<KeyedGates>();
        services.AddSingleton<PollBudget>();
        services.AddSingleton<PollScheduler>();
        services.AddSingleton<PollRecorder>();
        services.AddSingleton<PollReaderFactory>();
        services.AddSingleton<RepositoryPoller>();
        services.AddSingleton<ProbeMarks>();
        services.AddSingleton<ProbePass>();
        services.AddSingleton<SpentProbeBudgets>();
        services.AddSingleton<PollRunner>();
        return services;
    }

    /// <summary>
    /// The poll on worker nodes (Hub:Poll:Enabled, on by default): a Hangfire background process, which the worker's
    /// Hangfire server starts with every other registered <see cref="IBackgroundProcess"/>.
    /// </summary>
    public static IServiceCollection AddPollProcess(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetSection(PollOptions.Section).Get<PollOptions>()?.Enabled ?? true)
        {
            services.AddSingleton<IBackgroundProcess, PollProcess>();
        }

        return services;
    }
}
