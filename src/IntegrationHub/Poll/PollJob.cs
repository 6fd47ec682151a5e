using IntegrationHub.Jobs;
using Microsoft.Extensions.Logging;
using Quartz;

namespace IntegrationHub.Poll;

/// <summary>
/// Wakes every few seconds on whichever worker node Quartz hands the trigger to and polls what is due there; firings
/// overlap across nodes, and SKIP LOCKED claims keep them apart. Thin and idempotent; the work is in <see cref="PollRunner"/>.
/// </summary>
internal sealed partial class PollJob(PollRunner runner, WorkerNode node, ILogger<PollJob> log) : IJob
{
    public static readonly JobKey Key = new("poll", "poll");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        try
        {
            await runner.RunCycleAsync(node.Id, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll cycle failed")]
    private partial void LogFailed(Exception ex);
}
