using Hangfire.Server;
using IntegrationHub.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Outbound;

/// <summary>
/// A Hangfire background process, started by the Hangfire server on every worker node: the fan-out, round after round,
/// and the sender, which keeps up to <see cref="OutboundOptions.SendBatch"/> requests in flight and claims more as each
/// ends, so a slow endpoint (capped per subscription by the claim) does not hold up the others. Both only claim from tables, so any number of nodes
/// share the work, and a node that stops (or is killed) leaves its leases to run out and be taken over. Not a Hangfire
/// job per delivery: the fan-out runs at hundreds of deliveries a second, more than Hangfire enqueues.
/// </summary>
public sealed partial class OutboundLoop(OutboundFanOut fanOut, OutboundClaims claims, OutboundSender sender, IOptions<OutboundOptions> options,
    TimeProvider clock, ILogger<OutboundLoop> logger) : IBackgroundProcess
{
    /// <summary>
    /// Hangfire gives this process a thread of its own and calls this until the server stops; it returns only then.
    /// Blocking that thread on the async loops costs nothing else (extra processes are synchronous in BackgroundJobServer).
    /// </summary>
    public void Execute(BackgroundProcessContext context) => RunAsync(context.StoppingToken).GetAwaiter().GetResult();

    /// <summary>Both loops, until <paramref name="stoppingToken"/> is cancelled; then it ends without throwing.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(Task.Run(() => FanOutAsync(stoppingToken), CancellationToken.None),
                Task.Run(() => SendAsync(stoppingToken), CancellationToken.None));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: claimed rows keep their leases, which run out for another node.
        }
    }

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

            await BackgroundPause.WaitAsync(TimeSpan.FromMilliseconds(Math.Max(10, options.Value.IdleMilliseconds)), clock, ct);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbound {Loop} round failed")]
    private partial void LogRoundFailed(string loop, Exception e);
}
