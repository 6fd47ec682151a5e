using IntegrationHub.Actions;
using IntegrationHub.Audit;
using IntegrationHub.Data;
using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers.Api;
using IntegrationHub.Settings;
using IntegrationHub.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Discovery;

/// <summary>
/// Walks every page of the repositories a connection sees and keeps the cache current. Each page is stored with the
/// next cursor, so a rate limit (postponed to the provider's reset) or a dead node costs at most one page again.
/// At the end, repositories not seen are marked gone and hook work is planned. The run holds the connection's discovery
/// lock (a session advisory lock): only the holder writes progress, and a node that took the job over from one that
/// is not dead after all waits for it instead of walking the same pages beside it. A killed node's session ends, and
/// with it the lock.
/// </summary>
internal sealed partial class Discoverer(HubDb db, IConnectionApis apis, DiscoveryStore store, RateLimitGate gate, RepositoryLocks locks,
    IHookPlanning planner, AuditLog audit, TimeProvider clock, IOptions<DiscoverOptions> options, ILogger<Discoverer> log)
    : IDiscoverConnectionJob, IJobFailureNote
{
    public async Task RunAsync(Guid connectionId, string provider, string tenant, CancellationToken ct)
    {
        using var scope = WorkScope.Begin(log, connectionId: connectionId); // its provider calls' lines say whose
        var connection = await db.Connections.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectionId, ct);
        if (connection is null || connection.Status != ConnectionStatus.Active)
        {
            return;
        }

        if (connection.RateLimitedUntil is { } paused && paused > clock.GetUtcNow())
        {
            throw new ConnectionPausedException(connection.Id, paused);
        }

        await using var held = await locks.TryAcquireAsync("discover", connection.Id, ct)
            ?? throw new JobPostponedException(clock.GetUtcNow().AddSeconds(5), "another node is discovering this connection");
        var state = await store.BeginAsync(connection.Id, JobAttempt.Current.JobId, ct);
        if (state.DoneByThisJob)
        {
            // A node this job was taken from finished the run and planned its hooks (the two go together, below) before it
            // noticed. Planning again would queue second batches for repositories whose first are still queued; only a
            // node that died between the end of the run and its plan leaves the hooks to the reconciliation (every
            // Hub:Hooks:ReconcileMinutes).
            LogAlreadyDone(connection.Id);
            return;
        }

        if (gate.WaitUntil(connection) is { } wait)
        {
            await store.NoteAsync(connection.Id, $"Waiting for the provider's rate limit to reset at {wait:u}.", failed: false, ct);
            throw new JobPostponedException(wait, "few calls left until the provider's rate limit resets");
        }

        string? cursor = state.Cursor;
        int discovered = state.Discovered;
        if (!state.ListingComplete)
        {
            using var calls = ProviderCallScope.Begin(connection.Provider, ProviderOperations.Discovery);
            var api = await apis.ForAsync(connection, ct);
            while (true)
            {
                ProviderPage<ProviderRepository> page;
                try
                {
                    page = await api.ListRepositoriesAsync(cursor, ct);
                }
                catch (ProviderApiException ex)
                {
                    await gate.RecordAsync(connection.Id, ex.RateLimit ?? api.LastRateLimit, ct);
                    await FailedAsync(connection, ex, ct);
                    return;
                }

                if (page.NextCursor is not null && page.NextCursor == cursor)
                {
                    // A provider handing back the cursor it was given would keep us here forever.
                    await store.NoteAsync(connection.Id, "The provider returned the same page cursor twice; discovery stopped.", failed: true, ct);
                    throw new SanitizedJobException("repeated page cursor", noted: true, final: true);
                }

                // A hostile or broken provider may list without end, or list new repositories on every run: the cap is
                // on what the connection holds, so past it nothing new is stored (held repositories are still refreshed).
                int cap = options.Value.MaxRepositoriesPerConnection;
                var items = await store.FittingAsync(connection.Id, page.Items, cap, ct);
                bool full = items.Count < page.Items.Count;
                // Azure DevOps may answer an empty page with a cursor (a project without repositories): store and go on.
                (int pages, discovered) = await store.StorePageAsync(connection.TenantId, connection.Id, items, page.NextCursor, ct);
                await gate.RecordAsync(connection.Id, page.RateLimit ?? api.LastRateLimit, ct);
                // Hangfire cancels the token when this job was taken over by another node: stop before the next page.
                ct.ThrowIfCancellationRequested();
                cursor = page.NextCursor;
                if (full || (cursor is not null && pages >= Math.Max(1, options.Value.MaxPagesPerRun)))
                {
                    await StopAtCapAsync(connection, full
                        ? $"Discovery stopped at {cap} repositories, the most this hub keeps for one connection; repositories past them were not listed."
                        : $"Discovery stopped after {pages} pages of repositories, the most this hub reads in one run; the {discovered} repositories found so far are kept, the rest were not listed.");
                    return;
                }

                if (cursor is null)
                {
                    break;
                }

                if (gate.WaitUntil(page.RateLimit ?? api.LastRateLimit) is { } pause)
                {
                    await store.NoteAsync(connection.Id, $"Slowing down: few calls left until the rate limit resets at {pause:u}.", failed: false, ct);
                    throw new JobPostponedException(pause, "few calls left until the provider's rate limit resets");
                }
            }
        }

        // The listing is complete: ending the run and planning its hooks go together, whatever the token says. Hangfire
        // cancels it when another node took the job over; a retry there finds this run done and plans nothing, so a plan
        // cut off here would leave every hook of the run to the next reconciliation.
        var end = CancellationToken.None;
        int gone = await store.FinishAsync(connection.Id, end);
        var (register, remove) = await planner.PlanAsync(connection.Id, end);
        audit.Record("discovery.completed", connection.TenantId, connection.DisplayName,
            $"{gone} repositories gone; {register} hooks to register, {remove} to remove", actor: "worker");
        await db.SaveChangesAsync(end);
        LogDone(connection.Id, gone);
    }

    /// <summary>
    /// A cap (Hub:Discover:MaxPagesPerRun, MaxRepositoriesPerConnection) stopped the listing: what was found is kept and
    /// gets hooks, nothing is marked gone (the rest of the list was never read), and the card says why it is incomplete.
    /// </summary>
    private async Task StopAtCapAsync(Connection connection, string message)
    {
        var end = CancellationToken.None; // as at the end of a complete listing: the run's end and its plan go together
        await store.StopAtCapAsync(connection.Id, message, end);
        await planner.PlanAsync(connection.Id, end);
        audit.Record("discovery.capped", connection.TenantId, connection.DisplayName, message, actor: "worker");
        await db.SaveChangesAsync(end);
        LogCapped(connection.Id);
    }

    /// <summary>An error that is not the provider's (a token that cannot be decrypted, a database error, its node lost): shown, and the run ends when the job gives up.</summary>
    public async Task NoteFailureAsync(IReadOnlyList<object?> arguments, string reason, bool givingUp, CancellationToken ct)
    {
        if (arguments is [Guid id, ..])
        {
            await store.NoteAsync(id, givingUp ? $"Discovery stopped: {reason}" : $"Retrying after: {reason}", failed: givingUp, ct);
        }
    }

    /// <summary>
    /// A provider error: a rate limit pauses the connection and postpones the job (no attempt counted); a transient error
    /// is retried while attempts are left; anything else ends the run as failed, with the provider's words on the card.
    /// </summary>
    private async Task FailedAsync(Connection connection, ProviderApiException ex, CancellationToken ct)
    {
        string reason = ex.ProviderMessage is { Length: > 0 } said ? $"{ex.Message} ({said})" : ex.Message;
        if (ex.Kind == ProviderApiErrorKind.RateLimited)
        {
            var until = ex.RetryAt is { } at && at > clock.GetUtcNow() ? at : clock.GetUtcNow().AddMinutes(1);
            await store.NoteAsync(connection.Id, $"Rate limited by the provider; resuming at {until:u}.", failed: false, ct);
            await gate.PauseAsync(connection.Id, until, ct);
            throw new ConnectionPausedException(connection.Id, until);
        }

        if (ex.IsTransient && JobAttempt.Current.HasMore)
        {
            await store.NoteAsync(connection.Id, $"Retrying after: {reason}", failed: false, ct);
            throw new SanitizedJobException(SanitizedJobException.Describe(ex), noted: true);
        }

        await store.NoteAsync(connection.Id, reason, failed: true, ct);
        throw new SanitizedJobException(SanitizedJobException.Describe(ex), noted: true, final: true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discovery of connection {ConnectionId} stopped at a cap; hook work queued for what was found")]
    private partial void LogCapped(Guid connectionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery of connection {ConnectionId} was already finished by an earlier performing of this job")]
    private partial void LogAlreadyDone(Guid connectionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery of connection {ConnectionId} done: {Gone} gone; hook work queued")]
    private partial void LogDone(Guid connectionId, int gone);
}
