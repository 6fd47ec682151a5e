using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Telemetry;

/// <summary>Points the state gauges at this host's database while it runs.</summary>
internal sealed class HubStateActivation(HubStateReader reader) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        reader.Activate();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        reader.Deactivate();
        return Task.CompletedTask;
    }
}
