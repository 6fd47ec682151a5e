using System.Diagnostics;
using IntegrationHub.Data;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Poll;
using IntegrationHub.Settings;
using IntegrationHub.Telemetry;
using IntegrationHub.Tenancy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Poll;

/// <summary>
/// Polls one claimed repository and records the outcome. A repository that cannot be polled (401, 403, 404) is marked
/// and backs off; a rate-limit answer postpones it to the provider's reset without counting as a failure; neither
/// blocks any other repository.
/// </summary>
internal sealed partial class RepositoryPoller(
    PollReaderFactory readers, PollRecorder recorder, PollBudget budget, TimeProvider clock, IOptions<PollOptions> options, ILogger<RepositoryPoller> log)
{
    /// <param name="probeMark">After a change probe: the <c>probe</c> cursor to store if every stream finishes.</param>
    /// <remarks>
    /// One span a repository, its own trace (a cycle of hundreds would make one unreadable trace): the provider calls are
    /// its children through HttpClient's instrumentation, the events stored its span events.
    /// </remarks>
    public async Task<PollVerdict> PollAsync(PollTarget target, string node, CancellationToken ct, ProbeMark? probeMark = null)
    {
        using var span = HubTracing.Source.StartActivity("poll repository");
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(HubTracing.ProviderTag, target.Provider);
            span.SetTag(HubTracing.TenantTag, target.TenantId);
            span.SetTag(HubTracing.ConnectionTag, target.ConnectionId);
            span.SetTag(HubTracing.RepositoryTag, target.RepositoryId);
        }

        using var scope = WorkScope.Begin(log, target.TenantId, target.ConnectionId, repositoryId: target.RepositoryId);
        using var calls = ProviderCallScope.Begin(target.Provider, ProviderOperations.Poll);
        var o = options.Value;
        var now = clock.GetUtcNow();
        if (budget.DeferUntil(target) is { } resume)
        {
            var deferred = new PollVerdict(PollOutcomes.Deferred, "rate-limit reserve reached: waiting for the reset", resume, Polled: false, Failed: false, 0);
            await recorder.RecordAsync(target, null, deferred, node, ct);
            return deferred;
        }

        var watch = Stopwatch.StartNew();
        PollReadResult? result = null;
        Exception? crash = null;
        try
        {
            var cursors = await recorder.CursorsAsync(target.RepositoryId, ct);
            var request = new PollReadRequest(new RepositoryRef(target.ExternalId, target.FullPath, target.ProjectId), cursors, target.WatchedSince,
                target.ProviderHookId, target.DefaultBranch);
            result = await (await readers.ForAsync(target, afterUnauthorized: false, ct)).ReadAsync(request, ct);
            if (result.Failure is { Kind: ProviderApiErrorKind.Unauthorized } && target.RenewsToken)
            {
                // The token may have been revoked or expired early: refresh (or mint) once and read again (cursors were not stored).
                // If getting a new token fails, that failure is the verdict (an uninstalled GitHub App's mint answers 404).
                result = null;
                result = await (await readers.ForAsync(target, afterUnauthorized: true, ct)).ReadAsync(request, ct);
            }

            // A first look (no cursors, no ETags) costs far more than the polls after it: it must not set the pace.
            budget.Observe(target.ConnectionId, result.RateLimit, cursors.Count == 0 ? null : result.Calls - result.NotModified);
            if (probeMark is not null && result.Failure is null)
            {
                result = result with { Cursors = new Dictionary<string, PollStreamCursor>(result.Cursors) { [PollStreams.Probe] = new(probeMark.Write(), null) } };
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            crash = ex;
        }

        int ms = (int)watch.ElapsedMilliseconds;
        PollVerdict verdict = Judge(target, result?.Failure ?? crash, result, now, ms);
        int stored = await recorder.RecordAsync(target, result, verdict, node, ct);
        span?.SetTag(HubTracing.OutcomeTag, verdict.Outcome).SetStatus(verdict.Failed ? ActivityStatusCode.Error : ActivityStatusCode.Unset);
        if (verdict.Failed || verdict.Outcome == PollOutcomes.RateLimited)
        {
            LogOutcome(target.RepositoryId, target.Provider, verdict.Outcome, verdict.Error);
        }
        else if (stored > 0)
        {
            LogRecovered(target.RepositoryId, target.Provider, stored);
        }

        return verdict;
    }

    /// <summary>When a repository polled without failure at <paramref name="now"/> is due again.</summary>
    public DateTimeOffset NextPoll(PollTarget target, DateTimeOffset now) => Next(target, Interval(target, now), now);

    // Keep the repository's phase so polls stay spread over the interval; catch up if it fell behind. Where a change
    // probe asks many at once, a connection's repositories are kept due together instead.
    private static DateTimeOffset Next(PollTarget target, TimeSpan interval, DateTimeOffset now) =>
        PollReaderFactory.HasProbe(target) ? ProbeGroups.Next(target, interval, now)
        : target.NextPollAt + interval > now ? target.NextPollAt + interval : now + interval;

    /// <summary>The interval: longer for a healthy hook when so set, stretched when the rate limit would not last.</summary>
    private TimeSpan Interval(PollTarget target, DateTimeOffset now)
    {
        var o = options.Value;
        TimeSpan interval = o.Interval;
        if (o.HealthyHookIntervalSeconds > o.IntervalSeconds && target.HookStatus == HookStatus.Registered
            && target.HookLastDeliveryAt is { } last && now - last < TimeSpan.FromSeconds(o.HealthyHookIntervalSeconds))
        {
            interval = TimeSpan.FromSeconds(o.HealthyHookIntervalSeconds);
        }

        return budget.Pace(target, interval);
    }

    private PollVerdict Judge(PollTarget target, Exception? failure, PollReadResult? result, DateTimeOffset now, int ms)
    {
        var o = options.Value;
        TimeSpan interval = Interval(target, now);
        DateTimeOffset next = Next(target, interval, now);
        if (failure is null)
        {
            return new PollVerdict(PollOutcomes.Ok, null, next, Polled: true, Failed: false, ms);
        }

        if (failure is ProviderApiException { Kind: ProviderApiErrorKind.RateLimited } limited)
        {
            DateTimeOffset resume = limited.RetryAt is { } at && at > now ? at : now + interval;
            return new PollVerdict(PollOutcomes.RateLimited, limited.Message, resume, Polled: true, Failed: false, ms);
        }

        string outcome = failure switch
        {
            ProviderApiException { Kind: ProviderApiErrorKind.Unauthorized } => PollOutcomes.Unauthorized,
            ProviderApiException { Kind: ProviderApiErrorKind.Forbidden } => PollOutcomes.NoAccess,
            ProviderApiException { Kind: ProviderApiErrorKind.NotFound } => PollOutcomes.NotFound,
            _ when result?.Cursors.Count > 0 => PollOutcomes.Partial,
            _ => PollOutcomes.Error,
        };
        double backoff = Math.Min(o.MaxBackoffSeconds, interval.TotalSeconds * Math.Pow(2, Math.Min(10, target.ConsecutiveFailures)));
        DateTimeOffset retry = failure is ProviderApiException { RetryAt: { } when } && when > now ? when : now + TimeSpan.FromSeconds(backoff);
        string message = failure is ProviderApiException ? failure.Message : $"{failure.GetType().Name}: {failure.Message}";
        return new PollVerdict(outcome, message.Length > 500 ? message[..500] : message, retry, Polled: true, Failed: true, ms);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll of repository {RepositoryId} ({Provider}) ended {Outcome}: {Error}")]
    private partial void LogOutcome(Guid repositoryId, string provider, string outcome, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll of repository {RepositoryId} ({Provider}) recovered {Count} events no webhook delivered")]
    private partial void LogRecovered(Guid repositoryId, string provider, int count);
}
