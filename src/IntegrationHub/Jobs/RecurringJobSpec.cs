using System.Linq.Expressions;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Jobs;

/// <summary>A recurring job a feature asks for, with a stable id; worker nodes add or update it at start (<see cref="RecurringJobsSetup"/>).</summary>
public sealed record RecurringJobSpec(string Id, Action<IRecurringJobManager> Apply)
{
    /// <summary>Stable ids keep a job's history and let a new version replace its schedule instead of adding a second.</summary>
    public static void Add<T>(IServiceCollection services, string id, Expression<Func<T, Task>> call, string cron) =>
        services.AddSingleton(new RecurringJobSpec(id, m => m.AddOrUpdate(id, JobQueues.Default, call, cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc })));

    /// <summary>A job that should not run any more (its setting turned off) is removed, not left on its old schedule.</summary>
    public static void Remove(IServiceCollection services, string id) =>
        services.AddSingleton(new RecurringJobSpec(id, m => m.RemoveIfExists(id)));

    /// <summary>A cron expression for "every <paramref name="minutes"/> minutes" (hourly or daily steps past an hour).</summary>
    public static string EveryMinutes(int minutes) => Math.Max(1, minutes) switch
    {
        < 60 and var m => $"*/{m} * * * *",
        var m when m % 60 == 0 && m / 60 < 24 => $"0 */{m / 60} * * *",
        _ => "0 0 * * *",
    };
}
