using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Telemetry;

/// <summary>Points the state gauges at this host's database while it runs.</summary>
internal sealed class HubStateActivation(HubStateReader reader) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The instruments are static fields, made when the class is first touched: touch it now, or the gauges would
        // appear only after the first delivery or poll counted something.
        GC.KeepAlive(HubMetrics.InboxDepth);
        reader.Activate();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        reader.Deactivate();
        return Task.CompletedTask;
    }
}
