using Hangfire;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Jobs;

/// <summary>Adds or updates every feature's recurring job as a worker node starts; Hangfire's scheduler fires each once for the cluster.</summary>
internal sealed class RecurringJobsSetup(IRecurringJobManager manager, IEnumerable<RecurringJobSpec> specs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var spec in specs)
        {
            spec.Apply(manager);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
