using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Outbound;

/// <summary>
/// Runs on every worker node: the fan-out, round after round, and the sender, which keeps up to
/// <see cref="OutboundOptions.SendBatch"/> requests in flight and claims more as each ends, so a slow endpoint (capped
/// per subscription by the claim) does not hold up the others. Both only claim from tables, so any number of nodes
/// share the work, and a node that stops leaves its leases to run out and be taken over.
/// </summary>
public sealed partial class OutboundLoop(OutboundFanOut fanOut, OutboundClaims claims, OutboundSender sender, IOptions<OutboundOptions> options,
    TimeProvider clock, ILogger<OutboundLoop> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Task.Run(() => FanOutAsync(stoppingToken), stoppingToken), Task.Run(() => SendAsync(stoppingToken), stoppingToken));

    private async Task FanOutAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if ((await fanOut.RunOnceAsync(ct)).EventsRead > 0)
                {
                    continue;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed("fan-out", e);
            }

            await IdleAsync(ct);
        }
    }

    private async Task SendAsync(CancellationToken ct)
    {
        var running = new List<Task>();
        int capacity = Math.Max(1, options.Value.SendBatch);
        while (!ct.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            int claimed = 0;
            if (running.Count < capacity)
            {
                try
                {
                    foreach (var claim in await claims.ClaimAsync(capacity - running.Count, ct))
                    {
                        running.Add(SendOneAsync(claim, ct));
                        claimed++;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRoundFailed("send", e);
                }
            }

            if (claimed == 0 || running.Count >= capacity)
            {
                // Wake when a request ends (room for another claim) or after the idle pause (new due rows).
                await Task.WhenAny([.. running, Task.Delay(TimeSpan.FromMilliseconds(Math.Max(10, options.Value.IdleMilliseconds)), clock, ct)]);
            }
        }

        await Task.WhenAll(running);
    }

    private async Task SendOneAsync(ClaimedOutbound claim, CancellationToken ct)
    {
        try
        {
            await sender.SendAsync(claim, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The row keeps its lease and is retaken when it runs out.
            LogRoundFailed("send", e);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the lease runs out and another node sends it.
        }
    }

    private async Task IdleAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(10, options.Value.IdleMilliseconds)), clock, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbound {Loop} round failed")]
    private partial void LogRoundFailed(string loop, Exception e);
}
