using IntegrationHub.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.WebhookIntake;

/// <summary>The retention sweep as a recurring Hangfire job with the stable id "retention" (worker nodes).</summary>
public static class RetentionSetup
{
    public static IServiceCollection AddRetentionJob(this IServiceCollection services, IConfiguration configuration)
    {
        var retention = configuration.GetSection(RetentionOptions.Section).Get<RetentionOptions>() ?? new RetentionOptions();
        services.AddScoped<IRetentionJob, RetentionJob>();
        if (retention.Enabled)
        {
            RecurringJobSpec.Add<IRetentionJob>(services, "retention", j => j.RunAsync(CancellationToken.None), RecurringJobSpec.EveryMinutes(retention.JobMinutes));
        }
        else
        {
            RecurringJobSpec.Remove(services, "retention");
        }

        return services;
    }
}
