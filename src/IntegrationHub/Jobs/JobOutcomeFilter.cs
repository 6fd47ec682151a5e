using Hangfire.Common;
using Hangfire.Server;
using Hangfire.States;
using Hangfire.Storage;
using IntegrationHub.Actions;
using IntegrationHub.Providers.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Jobs;

/// <summary>
/// The hub's retry policy for every job, in place of Hangfire's AutomaticRetry (whose reasons quote exception messages):
/// <list type="bullet">
/// <item>each performing is counted in the job parameter "hub.performings"; Hangfire does not count a job fetched again after
/// its node died, so a job that kills every node taking it would otherwise come back for ever. A performing that starts
/// with every attempt used gives up: "worker lost while processing, attempt N of N: given up";</item>
/// <item>a <see cref="JobPostponedException"/> (a connection paused by its provider's rate limit, a busy repository) or a
/// rate-limited provider answer schedules the job for then and gives the attempt back;</item>
/// <item>any other failure is retried after 5 s, 10 s, 20 s … at most 10 minutes, until Hub:Jobs:MaxAttempts, then fails;</item>
/// <item>a failure's exception is replaced by a <see cref="SanitizedJobException"/> (type, provider error kind and status),
/// and the job's <see cref="IJobFailureNote"/> is told, so the feature's visible state says why;</item>
/// <item>only the holder's outcome lands: an outcome from a performing whose job another worker took over is replaced by
/// the holder's Processing state (<see cref="KeptProcessingState"/>), and no failure note is written for it.</item>
/// </list>
/// Why the last rule (read in Hangfire 1.8.24/1.8.25 and Hangfire.PostgreSql 1.21.1): a job whose queue row's
/// invisibility ran out (its node's keep-alive lapsed: a frozen process, a lost database connection) or that an operator
/// requeued from the dashboard is fetched by another worker, which applies its own Processing state: Worker lists
/// Processing among the states a fetched job may be taken from. The first worker's ServerJobCancellationWatcher then
/// cancels its job token, but only at its next check (CancellationCheckInterval) and only for a body that observes the
/// token. A body that returns or throws first reaches Worker's final state change, whose one guard is that the job's
/// current state is named Processing (BackgroundJobStateChanger compares state names, never the ServerId or WorkerId
/// in the state's data): the second worker's Processing passes, so the late node moved the job to Succeeded, Failed or
/// Scheduled while the second still ran, and the second's own token was then cancelled, its work cut off and its
/// outcome refused. Hangfire.PostgreSql's fetched job only guards its queue row (keep-alive, removal and requeue are
/// conditioned on its fetchedat), not the job's state. So the hub's own rule decides: the holder is the worker named by
/// the job's current Processing state, compared here under Hangfire's job lock (the state change holds it while it
/// elects), and the job bodies write only under the hub's locks (RepositoryLocks), so their writes stay the holder's too.
/// </summary>
internal sealed partial class JobOutcomeFilter(IServiceScopeFactory scopes, TimeProvider clock, int maxAttempts, ILogger<JobOutcomeFilter> log)
    : IServerFilter, IElectStateFilter
{
    internal const string Performings = "hub.performings";

    public void OnPerforming(PerformingContext context)
    {
        JobHolder.Begin(context.Connection, context.BackgroundJob.Id);
        int done = context.GetJobParameter<int>(Performings);
        if (done >= maxAttempts)
        {
            JobAttempt.Set(null);
            throw new JobGivenUpException($"worker lost while processing, attempt {done} of {maxAttempts}: given up");
        }

        context.SetJobParameter(Performings, done + 1);
        JobAttempt.Set(new JobAttempt(done + 1, maxAttempts, context.BackgroundJob.Id));
    }

    public void OnPerformed(PerformedContext context) => JobAttempt.Set(null);

    public void OnStateElection(ElectStateContext context)
    {
        if (Superseded(context) is { } current)
        {
            string from = JobHolder.Field(current, "ServerId") ?? "?";
            context.CandidateState = new KeptProcessingState(current,
                $"A performing that {from} took over ended late ({context.CandidateState.Name}); its outcome was discarded");
            LogSuperseded(context.BackgroundJob.Id, from);
            return;
        }

        if (context.CandidateState is not FailedState failed)
        {
            return;
        }

        var ex = Unwrap(failed.Exception);
        var now = clock.GetUtcNow();
        int done = context.GetJobParameter<int>(Performings);
        if (Postponed(ex) is { } until)
        {
            // Waiting is not failing: the attempt is given back.
            context.SetJobParameter(Performings, Math.Max(0, done - 1));
            var wait = until - now;
            context.CandidateState = new ScheduledState(wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait)
            {
                Reason = ex is JobPostponedException p ? $"Postponed: {p.Message}" : $"Postponed: rate limited by the provider until {until:u}",
            };
            return;
        }

        string reason = SanitizedJobException.Describe(ex);
        bool givingUp = ex is JobGivenUpException or SanitizedJobException { Final: true } || done >= maxAttempts;
        if (ex is not SanitizedJobException { Noted: true })
        {
            Note(context.BackgroundJob.Job, reason, givingUp);
        }

        if (givingUp)
        {
            context.CandidateState = new FailedState(new SanitizedJobException(reason), failed.ServerId) { Reason = reason };
            LogGivenUp(context.BackgroundJob.Id, done, reason);
            return;
        }

        context.CandidateState = new ScheduledState(Backoff(done)) { Reason = $"Retry {done} of {maxAttempts} after: {reason}" };
    }

    /// <summary>
    /// The holder's Processing state when the outcome being elected comes from a performing on this thread that no longer
    /// holds the job; null otherwise (the holder's own outcome, or a state change that is no performing's outcome).
    /// </summary>
    private static StateData? Superseded(ElectStateContext context)
    {
        if (context.CandidateState is ProcessingState or KeptProcessingState
            || !string.Equals(context.CurrentState, ProcessingState.StateName, StringComparison.OrdinalIgnoreCase)
            || JobHolder.Of(context.BackgroundJob.Id) is not { } holder)
        {
            return null;
        }

        var current = context.Connection.GetStateData(context.BackgroundJob.Id);
        return current is null || holder.Holds(current) ? null : current;
    }

    /// <summary>5 s, 10 s, 20 s … capped at 10 minutes (the old work queue's back-off).</summary>
    internal static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(600, 5 * Math.Pow(2, Math.Max(0, attempts - 1))));

    private DateTimeOffset? Postponed(Exception ex) => ex switch
    {
        JobPostponedException p => p.Until,
        ProviderApiException { Kind: ProviderApiErrorKind.RateLimited } r => r.RetryAt is { } at && at > clock.GetUtcNow() ? at : clock.GetUtcNow().AddMinutes(1),
        _ => null,
    };

    private static Exception Unwrap(Exception ex) =>
        ex is Hangfire.Server.JobPerformanceException { InnerException: { } inner } ? Unwrap(inner)
        : ex is AggregateException { InnerExceptions.Count: 1 } agg ? Unwrap(agg.InnerExceptions[0])
        : ex;

    private void Note(Job? job, string reason, bool givingUp)
    {
        if (job is null)
        {
            return;
        }

        try
        {
            // A scope of its own: the failed performing's DbContext may hold the very changes that failed.
            using var scope = scopes.CreateScope();
            if (scope.ServiceProvider.GetService(job.Type) is IJobFailureNote note)
            {
                note.NoteFailureAsync(job.Args, reason, givingUp, CancellationToken.None).GetAwaiter().GetResult();
            }
        }
        catch (Exception ex)
        {
            LogNoteFailed(ex, job.Type.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} given up after {Attempts} performings: {Reason}")]
    private partial void LogGivenUp(string jobId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: a superseded performing ended late; its outcome was discarded, {Holder} holds the job")]
    private partial void LogSuperseded(string jobId, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The failure of a {JobType} could not be noted")]
    private partial void LogNoteFailed(Exception ex, string jobType);
}
