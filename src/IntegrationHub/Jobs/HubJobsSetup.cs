using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Jobs;

/// <summary>
/// Hangfire on the hub's PostgreSQL database, schema "hangfire" (Hangfire's own scripts, versioned with the package,
/// create and upgrade it, run by the migration step under a lock: <see cref="HangfireSchemaInstall"/>; our migrations never touch it). Every host gets the client (features enqueue
/// through <see cref="JobStarter"/>); worker nodes add the servers (<see cref="AddHubJobServer"/>).
/// Storage, filters and servers are this host's own objects, never Hangfire's static globals: tests run several hosts,
/// on different databases, in one process.
/// </summary>
public static class HubJobsSetup
{
    public static IServiceCollection AddHubJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JobsOptions>(configuration.GetSection(JobsOptions.Section));
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddSingleton<JobStorage>(sp => Configured(sp, () => new PostgreSqlStorage(new DataSourceConnections(sp.GetRequiredService<NpgsqlDataSource>()), Storage(options))));
        services.AddSingleton(sp => new JobOutcomeFilter(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<TimeProvider>(),
            Math.Max(1, options.MaxAttempts), sp.GetRequiredService<ILogger<JobOutcomeFilter>>()));
        services.AddSingleton<IJobFilterProvider>(sp =>
        {
            // Attributes on the job contracts ([Queue], [DisplayName]) plus ours; Hangfire's global AutomaticRetry is left out
            // on purpose (JobOutcomeFilter retries with sanitized reasons).
            var filters = new JobFilterCollection();
            filters.Add(new StatisticsHistoryAttribute());
            filters.Add(sp.GetRequiredService<JobOutcomeFilter>(), order: 0);
            return new JobFilterProviderCollection(new JobFilterAttributeFilterProvider(), filters);
        });
        // Resolving IGlobalConfiguration first applies the configuration below (our log provider) before Hangfire objects are built.
        services.AddSingleton<IBackgroundJobClient>(sp => Configured(sp, () => new BackgroundJobClient(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IJobFilterProvider>())));
        services.AddSingleton<IRecurringJobManager>(sp => Configured(sp, () => new RecurringJobManager(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IJobFilterProvider>())));
        services.AddHostedService<JobStorageStart>();
        services.AddSingleton<OpenJobs>();
        services.AddSingleton<JobStarter>();
        // The dashboard's services (its routes, the serializer settings); our registrations above come first and stay.
        services.AddHangfire((sp, c) => c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogs(sp.GetRequiredService<ILoggerFactory>())));
        return services;
    }

    /// <summary>
    /// A worker node: one Hangfire server per queue (so discovery cannot starve hook registration), each with its own
    /// worker count, and one processing server for the background processes features register (the inbox, the poll,
    /// the outbound sender, the heartbeat: registered as <see cref="IBackgroundProcess"/> or <see cref="IBackgroundProcessAsync"/>).
    /// </summary>
    public static IServiceCollection AddHubJobServer(this IServiceCollection services, string nodeId)
    {
        AddServer(services, nodeId, JobQueues.Discovery, o => o.DiscoveryWorkers);
        AddServer(services, nodeId, JobQueues.Hooks, o => o.HookWorkers);
        AddServer(services, nodeId, JobQueues.Default, o => o.DefaultWorkers);
        services.AddHangfireServer(sp =>
        {
            var builders = sp.GetServices<IBackgroundProcess>().Select(p => p.UseBackgroundPool(1))
                .Concat(sp.GetServices<IBackgroundProcessAsync>().Select(p => p.UseBackgroundPool(1)))
                .ToList();
            return new BackgroundProcessingServer(sp.GetRequiredService<JobStorage>(), builders, new Dictionary<string, object>(),
                new BackgroundProcessingServerOptions { ServerName = $"{nodeId}:processes", ExcludeStorageProcesses = true });
        });
        services.AddHostedService<RecurringJobsSetup>();
        services.AddSingleton<IBackgroundProcess, HeartbeatProcess>(); // writes the "Worker ready" line at its first beat
        return services;
    }

    /// <summary>The operators' dashboard at <paramref name="path"/>, for whoever passes the host's <paramref name="policy"/>.</summary>
    public static IEndpointConventionBuilder MapHubJobsDashboard(this IEndpointRouteBuilder app, string path, string policy) =>
        app.MapHangfireDashboard(path, new DashboardOptions
        {
            DashboardTitle = "IntegrationHub jobs",
            AppPath = "/admin",
            AsyncAuthorization = [new AdminDashboardAuthorization(policy)],
            Authorization = [],
            DisplayStorageConnectionString = false,
        }, app.ServiceProvider.GetRequiredService<JobStorage>());

    private static T Configured<T>(IServiceProvider sp, Func<T> create)
    {
        sp.GetRequiredService<IGlobalConfiguration>();
        return create();
    }

    private static void AddServer(IServiceCollection services, string nodeId, string queue, Func<JobsOptions, int> workers) =>
        services.AddHangfireServer(sp =>
        {
            var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            return new BackgroundJobServer(new BackgroundJobServerOptions
            {
                ServerName = $"{nodeId}:{queue}",
                Queues = [queue],
                WorkerCount = Math.Max(1, workers(options)),
                Activator = new SanitizingJobActivator(sp.GetRequiredService<IServiceScopeFactory>()),
                FilterProvider = sp.GetRequiredService<IJobFilterProvider>(),
                // A job whose Processing state another node took over (its invisibility ran out, an operator requeued it)
                // has its token cancelled within this interval, so the superseded node stops; Hangfire itself would still
                // record that node's outcome if it came first (it checks the state's name only): JobOutcomeFilter discards it.
                CancellationCheckInterval = TimeSpan.FromSeconds(1),
                SchedulePollingInterval = TimeSpan.FromSeconds(1),
                // On stop, running jobs are cancelled at once rather than awaited: each is resumable (discovery from its stored
                // cursor, hook batches converge), Hangfire puts a job cancelled by shutdown back in its queue for another
                // node, and a node never hangs on stop.
                StopTimeout = TimeSpan.FromMilliseconds(100),
            }, sp.GetRequiredService<JobStorage>(), []);
        });

    private static PostgreSqlStorageOptions Storage(JobsOptions options) => new()
    {
        SchemaName = options.Schema,
        PrepareSchemaIfNecessary = true,
        QueuePollInterval = TimeSpan.FromSeconds(Math.Max(0.05, options.QueuePollSeconds)),
        EnableLongPolling = options.LongPolling,
        InvisibilityTimeout = TimeSpan.FromSeconds(Math.Max(2, options.InvisibilitySeconds)),
        UseSlidingInvisibilityTimeout = true,
        DistributedLockTimeout = TimeSpan.FromSeconds(30),
    };
}
