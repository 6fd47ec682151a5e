using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers.Api;
using IntegrationHub.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Jobs;

/// <summary>
/// Claims due items of some kinds (FOR UPDATE SKIP LOCKED, under a lease), hands each to its keyed handler in a scope
/// of its own, and applies the result. Items of a node that stops mid-way stay leased and are taken again elsewhere.
/// Each item's lease is renewed as its handling starts; an item whose claim was lost meanwhile is left alone, and an
/// outcome arriving after the claim was lost is dropped (the node that took the item over decides). An item whose node
/// died with it at its last attempt is given up ("worker lost while processing") and its handler told, as for a crash.
/// </summary>
internal sealed partial class WorkRunner(WorkQueue queue, IServiceScopeFactory scopes, RateLimitGate gate, IOptions<HubOptions> hub,
    TimeProvider clock, IOptions<DiscoverOptions> options, ILogger<WorkRunner> log)
{
    // The same name WorkerNode gives this node (registered on worker hosts only; the web host also builds this class).
    private readonly string _node = WorkerNode.IdFrom(hub.Value);

    public TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(5, options.Value.LeaseSeconds));

    public async Task RunAsync(IReadOnlyList<string> kinds, int batch, int concurrency, CancellationToken ct)
    {
        var until = clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(1, options.Value.FiringBudgetSeconds));
        int maxAttempts = Math.Max(1, options.Value.MaxAttempts);
        while (!ct.IsCancellationRequested)
        {
            foreach (var (lost, reason) in await queue.GiveUpLostAsync([.. kinds], maxAttempts, ct))
            {
                LogWorkerLost(lost.Kind, lost.Id, lost.Attempts);
                await NoteUnhandledAsync(lost, WorkResult.Fail(reason), CancellationToken.None);
            }

            var items = await queue.ClaimAsync([.. kinds], batch, Lease, _node, maxAttempts, ct);
            if (items.Count == 0)
            {
                return;
            }

            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = ct },
                async (item, itemCt) => await HandleOneAsync(item, itemCt));
            if (items.Count < batch || clock.GetUtcNow() > until)
            {
                return;
            }
        }
    }

    private async Task HandleOneAsync(ClaimedWork item, CancellationToken ct)
    {
        var start = await queue.BeginAsync(item, Lease, ct);
        if (!start.Held)
        {
            LogLeaseLost(item.Kind, item.Id, "not started");
            return;
        }

        if (start.ConnectionPausedUntil is { } paused)
        {
            // Another item of the connection was just rate limited: waiting costs nothing, calling would be refused too.
            await ApplyAsync(item, WorkResult.Postpone(paused), CancellationToken.None);
            return;
        }

        WorkResult result;
        bool unhandled = false;
        await using (var scope = scopes.CreateAsyncScope())
        {
            try
            {
                result = await scope.ServiceProvider.GetRequiredKeyedService<IWorkHandler>(item.Kind).HandleAsync(item, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopping: leave the item leased, as a node that died would; the lease expires and another node resumes it.
                throw;
            }
            catch (ProviderApiException ex) when (ex.Kind == ProviderApiErrorKind.RateLimited)
            {
                result = WorkResult.RateLimited(ex.RetryAt ?? clock.GetUtcNow().AddMinutes(1));
            }
            catch (Exception ex)
            {
                LogHandlerFailed(ex, item.Kind, item.Id);
                result = WorkResult.Retry(ex is ProviderApiException p ? p.Message : ex.GetType().Name + ": " + ex.Message);
                unhandled = true;
            }
        }

        if (unhandled)
        {
            await NoteUnhandledAsync(item, result, CancellationToken.None);
        }

        await ApplyAsync(item, result, CancellationToken.None);
    }

    private async Task NoteUnhandledAsync(ClaimedWork item, WorkResult result, CancellationToken ct)
    {
        try
        {
            // A fresh scope: the handler's DbContext may hold the very changes that failed.
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredKeyedService<IWorkHandler>(item.Kind)
                .NoteUnhandledAsync(item, Trim(result.Error), item.Attempts >= options.Value.MaxAttempts, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHandlerFailed(ex, item.Kind, item.Id);
        }
    }

    private async Task ApplyAsync(ClaimedWork item, WorkResult result, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (result.PausesConnection && item.ConnectionId is { } connectionId && result.Until is { } pauseUntil && pauseUntil > now)
        {
            await gate.PauseAsync(connectionId, pauseUntil, ct);
        }

        bool applied = result.Kind switch
        {
            WorkResultKind.Done => await queue.CompleteAsync(item, ct),
            // Never spin: even a Retry-After in the past waits a second.
            WorkResultKind.Postpone => await queue.PostponeAsync(item, result.Until is { } u && u > now ? u : now.AddSeconds(1), ct),
            WorkResultKind.Retry when item.Attempts < options.Value.MaxAttempts => await queue.FailAsync(item, Trim(result.Error), Backoff(item.Attempts), ct),
            _ => await queue.FailAsync(item, Trim(result.Error), null, ct),
        };
        if (!applied)
        {
            LogLeaseLost(item.Kind, item.Id, result.Kind.ToString());
        }
    }

    /// <summary>5 s, 10 s, 20 s … capped at 10 minutes.</summary>
    internal static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(600, 5 * Math.Pow(2, Math.Max(0, attempts - 1))));

    private static string Trim(string? error) => error is null ? "failed" : error.Length > 1000 ? error[..1000] : error;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work item {Kind} {Id}: its worker was lost at attempt {Attempts}, the last; given up")]
    private partial void LogWorkerLost(string kind, long id, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work item {Kind} {Id} failed")]
    private partial void LogHandlerFailed(Exception ex, string kind, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work item {Kind} {Id}: the lease ran out and another claim took it over; outcome {Outcome} dropped")]
    private partial void LogLeaseLost(string kind, long id, string outcome);
}
