using Hangfire.Server;
using IntegrationHub.Jobs;
using IntegrationHub.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Poll;

/// <summary>
/// The 60-second poll as a Hangfire background process, started by the Hangfire server on every worker node. Not a job
/// per repository: the poll needs hundreds of repositories a second, more than Hangfire enqueues. A node killed mid-poll
/// leaves its claims to run out (Hub:Poll:LeaseSeconds); events are stored idempotently, so a re-poll adds none twice.
/// </summary>
/// <remarks>
/// A cycle (claim due repositories with FOR UPDATE SKIP LOCKED, poll them) starts every Hub:Poll:JobSeconds, and a long
/// cycle overlaps the next ones, as the Quartz trigger's firings did: a cycle waits for the slowest repository of each
/// batch, so one cycle at a time leaves the host's slots idle at every batch's tail (measured: 100 to 400 of 1,000
/// repositories overdue at 75 ms latency, against none with overlapping cycles). The per-connection and per-host gates
/// bound the calls however many cycles run; SKIP LOCKED keeps the cycles' claims apart.
/// </remarks>
internal sealed partial class PollProcess(PollRunner runner, WorkerNode node, IOptions<PollOptions> options, TimeProvider clock,
    ILogger<PollProcess> log) : IBackgroundProcess
{
    private const int MaxOverlappingCycles = 4;

    /// <summary>Blocks Hangfire's own thread for this process (extra processes are synchronous there) until the server stops.</summary>
    public void Execute(BackgroundProcessContext context) => RunAsync(context.StoppingToken).GetAwaiter().GetResult();

    private async Task RunAsync(CancellationToken ct)
    {
        var running = new List<Task>();
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.JobSeconds));
        do
        {
            running.RemoveAll(t => t.IsCompleted);
            if (running.Count < MaxOverlappingCycles)
            {
                running.Add(CycleAsync(ct));
            }
        }
        while (await BackgroundPause.WaitAsync(interval, clock, ct));

        await Task.WhenAll(running);
    }

    private async Task CycleAsync(CancellationToken ct)
    {
        try
        {
            await runner.RunCycleAsync(node.Id, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: claims run out and another node takes them.
        }
        catch (Exception ex)
        {
            LogFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll cycle failed")]
    private partial void LogFailed(Exception ex);
}
