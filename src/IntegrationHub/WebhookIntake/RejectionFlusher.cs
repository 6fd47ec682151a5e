using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// The web host's background loop that writes the in-memory rejection counts (<see cref="RejectionCounter"/>) every
/// <see cref="IngressOptions.RejectionFlushSeconds"/>, in one statement, and once more on shutdown. A flush that fails
/// (database away) puts its counts back for the next one.
/// </summary>
internal sealed partial class RejectionFlusher(RejectionCounter counter, DeliveryInbox inbox, IOptions<IngressOptions> options, TimeProvider clock,
    ILogger<RejectionFlusher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.RejectionFlushSeconds)), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync flushes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromSeconds(5));
        await FlushAsync(bounded.Token);
    }

    internal async Task FlushAsync(CancellationToken ct)
    {
        var tallies = counter.Drain();
        if (tallies.Count == 0)
        {
            return;
        }

        try
        {
            await inbox.AddRejectionsAsync(tallies, ct);
        }
        // ObjectDisposedException: the host's data source was torn down before this last flush at stop (seen once in the
        // tests' hosts); stopping must not fail over counts that are lost with the process anyway.
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or OperationCanceledException or ObjectDisposedException)
        {
            counter.Restore(tallies);
            LogFlushFailed(tallies.Count, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejection counts ({Keys} keys) could not be written; kept for the next flush")]
    private partial void LogFlushFailed(int keys, Exception ex);
}
