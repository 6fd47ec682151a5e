using Hangfire;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Jobs;

/// <summary>
/// Opens the job storage as the host starts, so a schema the migration step did not install (<see cref="HangfireSchemaInstall"/>)
/// is created then rather than at the first enqueue of a web request, and an unreachable storage shows at start.
/// </summary>
internal sealed class JobStorageStart(JobStorage storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(storage);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
