using IntegrationHub.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace IntegrationHub.Poll;

/// <summary>The 60-second safety net: services for both hosts, and the recurring job on worker nodes.</summary>
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
        services.AddSingleton<PollRunner>();
        return services;
    }

    public static void AddPollJobs(this IQuartzBuilder q, IConfiguration configuration)
    {
        var options = configuration.GetSection(PollOptions.Section).Get<PollOptions>() ?? new PollOptions();
        if (!options.Enabled)
        {
            return;
        }

        q.AddJob<PollJob>(j => j.WithIdentity(PollJob.Key).StoreDurably());
        q.AddTrigger(t => t.ForJob(PollJob.Key).WithIdentity("poll", "poll").StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, options.JobSeconds))).RepeatForever()));
    }
}
