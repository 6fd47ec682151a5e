using System.Diagnostics;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Poll;
using IntegrationHub.Settings;
using IntegrationHub.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Poll;

/// <summary>
/// Runs a connection's claimed repositories through its provider's change probe, up to the probe's size per request:
/// the unchanged ones are recorded as polled there and then; the rest come back to be read in full, each with the mark
/// to store once its read completes. A provider without a probe has all of them read in full. A probe that fails (rate
/// limited, refused, down) changes nothing: every repository it asked about is read in full, as without a probe; after a
/// rate-limit refusal the connection is not probed again until the limit resets (<see cref="SpentProbeBudgets"/>). A 401
/// for a connection that can get a new token (<see cref="PollTarget.RenewsToken"/>) is asked once more with one first.
/// </summary>
internal sealed partial class ProbePass(
    PollReaderFactory readers, ProbeMarks marks, RepositoryPoller poller, PollBudget budget, KeyedGates gates, SpentProbeBudgets spent,
    TimeProvider clock, IOptions<PollOptions> options, ILogger<ProbePass> log)
{
    /// <summary>Probes <paramref name="targets"/> (one connection's); returns those to read in full, with their marks.</summary>
    public async Task<IReadOnlyList<(PollTarget Target, ProbeMark? Mark)>> RunAsync(IReadOnlyList<PollTarget> targets, string node, CancellationToken ct)
    {
        var o = options.Value;
        // The full reads this pass starts name their own calls (poll) inside.
        using var calls = ProviderCallScope.Begin(targets[0].Provider, ProviderOperations.Probe);
        var full = new List<(PollTarget, ProbeMark?)>();
        Guid connectionId = targets[0].ConnectionId;
        IChangeProbe? probe = null;
        try
        {
            probe = spent.IsSpent(connectionId) ? null : await readers.ProbeForAsync(targets[0], afterUnauthorized: false, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // No token to probe with: the full reads meet the same failure and record it per repository.
        }

        if (probe is null)
        {
            return [.. targets.Select(t => (t, (ProbeMark?)null))];
        }

        Dictionary<Guid, ProbeMark> stored = await marks.ReadAsync([.. targets.Select(t => t.RepositoryId)], ct);
        bool renewed = false;
        foreach (PollTarget[] chunk in targets.Chunk(probe.MaxRepositories))
        {
            if (spent.IsSpent(connectionId))
            {
                full.AddRange(chunk.Select(t => (t, (ProbeMark?)null)));
                continue;
            }

            var watch = Stopwatch.StartNew();
            ChangeProbeResult seen = await ProbeGatedAsync(probe, chunk, ct);
            if (seen.Failure is { Kind: ProviderApiErrorKind.Unauthorized } && targets[0].RenewsToken && !renewed)
            {
                // The token may have been revoked or expired early: retire it, take a new one (minted again for an app
                // connection) and ask once more, as the full read does, rather than read every repository in full each
                // cycle until a full read happens to replace it. Once per pass: a second 401 falls back to full reads.
                renewed = true;
                (probe, seen) = await RenewedAsync(targets[0], chunk, probe, seen, ct);
            }

            if (seen.Failure is { } failure)
            {
                if (spent.Remember(connectionId, failure) is { } until)
                {
                    LogProbeBudgetSpent(connectionId, until);
                }
                else
                {
                    LogProbeFailed(connectionId, chunk.Length, failure.Message);
                }
            }

            var now = clock.GetUtcNow();
            var unchanged = new List<(PollTarget, DateTimeOffset)>();
            for (int i = 0; i < chunk.Length; i++)
            {
                PollTarget target = chunk[i];
                ProbeMark? mark = stored.GetValueOrDefault(target.RepositoryId);
                if (!FullReadRule.Needed(mark, seen.Fingerprints[i], target, now, o))
                {
                    unchanged.Add((target, poller.NextPoll(target, now)));
                    budget.Observe(target.ConnectionId, null, 0);
                }
                else
                {
                    full.Add((target, seen.Fingerprints[i] is { } fp ? ProbeMark.After(mark, fp, now, TimeSpan.FromSeconds(o.HotSeconds)) : null));
                }
            }

            await marks.RecordUnchangedAsync(unchanged, node, (int)watch.ElapsedMilliseconds, ct);
        }

        return full;
    }

    /// <summary>The probe with a new token and the chunk asked again; the refused answer when no new token can be had.</summary>
    private async Task<(IChangeProbe Probe, ChangeProbeResult Seen)> RenewedAsync(PollTarget target, IReadOnlyList<PollTarget> chunk, IChangeProbe refused,
        ChangeProbeResult refusal, CancellationToken ct)
    {
        IChangeProbe? fresh;
        try
        {
            fresh = await readers.ProbeForAsync(target, afterUnauthorized: true, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The full reads meet the same failure (an uninstalled app's mint answers 404) and record it per repository.
            return (refused, refusal);
        }

        return fresh is null ? (refused, refusal) : (fresh, await ProbeGatedAsync(fresh, chunk, ct));
    }

    /// <summary>One probe request in a span of its own (its trace's root), so its GraphQL call is that span's child.</summary>
    private async Task<ChangeProbeResult> ProbeGatedAsync(IChangeProbe probe, IReadOnlyList<PollTarget> chunk, CancellationToken ct)
    {
        using var span = HubTracing.Source.StartActivity("poll probe");
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(HubTracing.ProviderTag, chunk[0].Provider);
            span.SetTag(HubTracing.TenantTag, chunk[0].TenantId);
            span.SetTag(HubTracing.ConnectionTag, chunk[0].ConnectionId);
            span.SetTag(HubTracing.RepositoriesTag, chunk.Count);
        }

        SemaphoreSlim gate = gates.For("connection:" + chunk[0].ConnectionId, options.Value.MaxConcurrencyPerConnection);
        await gate.WaitAsync(ct);
        try
        {
            var seen = await probe.ProbeAsync([.. chunk.Select(t => new RepositoryRef(t.ExternalId, t.FullPath, t.ProjectId))], ct);
            span?.SetStatus(seen.Failure is null ? ActivityStatusCode.Unset : ActivityStatusCode.Error);
            return seen;
        }
        finally
        {
            gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change probe of connection {ConnectionId} refused for its rate limit; its repositories are read in full, without probing, until {RetryAt}")]
    private partial void LogProbeBudgetSpent(Guid connectionId, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change probe for {Count} repositories of connection {ConnectionId} failed; reading them in full: {Error}")]
    private partial void LogProbeFailed(Guid connectionId, int count, string error);
}
