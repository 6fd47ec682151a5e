using Hangfire.Server;
using IntegrationHub.Data;
using IntegrationHub.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// The delivery inbox as a Hangfire background process, started by the Hangfire server on every worker node. Hangfire
/// calls <see cref="Execute"/> in a loop until the server stops; each call claims due deliveries (FOR UPDATE SKIP
/// LOCKED, so nodes never take the same row) and processes them, and waits Hub:Ingest:JobSeconds only when nothing was
/// due. Not a job per delivery: a Hangfire enqueue is a committed transaction, far slower than the inbox must run. The
/// work is in <see cref="DeliveryProcessor"/>; a node killed mid-delivery leaves its claim to run out (Hub:Ingest:LeaseSeconds).
/// </summary>
internal sealed partial class IngestProcess(DeliveryProcessor processor, IOptions<IngestOptions> options, TimeProvider clock,
    ILogger<IngestProcess> log) : IBackgroundProcess
{
    /// <summary>
    /// One line a delivery would flood a busy node's log, and none leaves a person at the local console wondering whether
    /// anything arrived: deliveries are summed and told at most this often (at once after a quiet spell).
    /// </summary>
    private static readonly TimeSpan SummaryEvery = TimeSpan.FromSeconds(10);

    private int _unreported;
    private DateTimeOffset _reportedAt = DateTimeOffset.MinValue;

    /// <summary>Blocks Hangfire's own thread for this process (extra processes are synchronous there); the round itself is async.</summary>
    public void Execute(BackgroundProcessContext context) => RoundAsync(context.StoppingToken).GetAwaiter().GetResult();

    /// <summary>One round: process what is due; pause when nothing was.</summary>
    public async Task RoundAsync(CancellationToken ct)
    {
        int handled = 0;
        try
        {
            handled = await processor.RunAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            LogFailed(ex);
        }

        Summarize(handled);
        if (handled == 0)
        {
            await BackgroundPause.WaitAsync(TimeSpan.FromSeconds(Math.Max(1, options.Value.JobSeconds)), clock, ct);
        }
    }

    /// <summary>Hangfire runs each process's rounds one after another on one thread, so the counters need no lock.</summary>
    private void Summarize(int handled)
    {
        _unreported += handled;
        var now = clock.GetUtcNow();
        if (_unreported > 0 && now - _reportedAt >= SummaryEvery)
        {
            LogSummary(_unreported);
            _unreported = 0;
            _reportedAt = now;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deliveries processed from the inbox: {Count}")]
    private partial void LogSummary(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery processing round failed")]
    private partial void LogFailed(Exception ex);
}
