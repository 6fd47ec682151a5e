using System.Collections.Concurrent;
using IntegrationHub.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Tests.World;

/// <summary>
/// Enqueues jobs into a test database's Hangfire storage the way the hosts do (<see cref="JobStarter"/> over the same
/// AddHubJobs wiring), for tests that queued work by inserting work_items rows before Hangfire.
/// </summary>
public static class TestJobs
{
    private static readonly ConcurrentDictionary<string, Lazy<ServiceProvider>> Clients = new();

    public static JobStarter For(string connectionString) => Services(connectionString).GetRequiredService<JobStarter>();

    /// <summary>The client-side services (storage, client, starter) for the test database.</summary>
    public static IServiceProvider Services(string connectionString) =>
        Clients.GetOrAdd(connectionString, cs => new Lazy<ServiceProvider>(() => Build(cs))).Value;

    private static ServiceProvider Build(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(NpgsqlDataSource.Create(connectionString));
        services.AddHubJobs(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }
}
