using Hangfire.Server;
using IntegrationHub.Jobs;
using IntegrationHub.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Poll;

/// <summary>
/// The 60-second poll as a Hangfire background process, started by the Hangfire server on every worker node. Hangfire
/// calls <see cref="Execute"/> in a loop until the server stops; each call runs one cycle (claim due repositories with
/// FOR UPDATE SKIP LOCKED, poll them) and waits Hub:Poll:JobSeconds when the cycle found nothing due. Not a job per
/// repository: the poll needs hundreds of repositories a second, more than Hangfire enqueues. A node killed mid-poll
/// leaves its claims to run out (Hub:Poll:LeaseSeconds); events are stored idempotently, so a re-poll adds none twice.
/// </summary>
internal sealed partial class PollProcess(PollRunner runner, WorkerNode node, IOptions<PollOptions> options, TimeProvider clock,
    ILogger<PollProcess> log) : IBackgroundProcess
{
    /// <summary>Blocks Hangfire's own thread for this process (extra processes are synchronous there); the cycle itself is async.</summary>
    public void Execute(BackgroundProcessContext context) => CycleAsync(context.StoppingToken).GetAwaiter().GetResult();

    /// <summary>One cycle: poll what is due; pause when nothing was.</summary>
    public async Task CycleAsync(CancellationToken ct)
    {
        int polled = 0;
        try
        {
            polled = (await runner.RunCycleAsync(node.Id, ct)).Count;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            LogFailed(ex);
        }

        if (polled == 0)
        {
            await BackgroundPause.WaitAsync(TimeSpan.FromSeconds(Math.Max(1, options.Value.JobSeconds)), clock, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll cycle failed")]
    private partial void LogFailed(Exception ex);
}
