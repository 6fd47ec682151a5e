using IntegrationHub.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.WebhookIntake;

/// <summary>The GitHub App delivery sweep as a recurring Hangfire job with the stable id "github-app-deliveries" (worker nodes).</summary>
public static class AppDeliverySweepSetup
{
    /// <summary>Every ten minutes, as the repository hooks' sweep: one billed call per app, well inside GitHub's three-day window.</summary>
    public static IServiceCollection AddAppDeliverySweepJob(this IServiceCollection services)
    {
        services.AddScoped<IAppDeliverySweepJob, AppDeliverySweep>();
        RecurringJobSpec.Add<IAppDeliverySweepJob>(services, "github-app-deliveries", j => j.RunAsync(CancellationToken.None), RecurringJobSpec.EveryMinutes(10));
        return services;
    }
}
