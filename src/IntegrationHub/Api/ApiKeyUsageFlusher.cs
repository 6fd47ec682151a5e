using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Api;

/// <summary>Writes pending API key use counts once a minute and when the host stops.</summary>
internal sealed class ApiKeyUsageFlusher(ApiKeyUsage usage, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await usage.FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await usage.FlushAsync(cancellationToken);
    }
}
