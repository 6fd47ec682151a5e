using IntegrationHub.Hosting;
using IntegrationHub.Jobs;
using IntegrationHub.Providers.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Discover;

/// <summary>
/// Claims due items of some kinds (FOR UPDATE SKIP LOCKED, under a lease), hands each to its keyed handler in a scope
/// of its own, and applies the result. Items of a node that stops mid-way stay leased and are taken again elsewhere.
/// </summary>
internal sealed partial class WorkRunner(WorkQueue queue, IServiceScopeFactory scopes, IOptions<HubOptions> hub, TimeProvider clock,
    IOptions<DiscoverOptions> options, ILogger<WorkRunner> log)
{
    // The same name WorkerNode gives this node (registered on worker hosts only; the web host also builds this class).
    private readonly string _node = WorkerNode.IdFrom(hub.Value);

    public TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(5, options.Value.LeaseSeconds));

    public async Task RunAsync(IReadOnlyList<string> kinds, int batch, int concurrency, CancellationToken ct)
    {
        var until = clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(1, options.Value.FiringBudgetSeconds));
        while (!ct.IsCancellationRequested)
        {
            var items = await queue.ClaimAsync([.. kinds], batch, Lease, _node, ct);
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
        WorkResult result;
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
                result = WorkResult.Postpone(ex.RetryAt ?? clock.GetUtcNow().AddMinutes(1));
            }
            catch (Exception ex)
            {
                LogHandlerFailed(ex, item.Kind, item.Id);
                result = WorkResult.Retry(ex is ProviderApiException p ? p.Message : ex.GetType().Name + ": " + ex.Message);
            }
        }

        await ApplyAsync(item, result, CancellationToken.None);
    }

    private async Task ApplyAsync(ClaimedWork item, WorkResult result, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        switch (result.Kind)
        {
            case WorkResultKind.Done:
                await queue.CompleteAsync(item.Id, ct);
                break;
            case WorkResultKind.Postpone:
                // Never spin: even a Retry-After in the past waits a second.
                var until = result.Until is { } u && u > now ? u : now.AddSeconds(1);
                await queue.PostponeAsync(item.Id, until, ct);
                break;
            case WorkResultKind.Retry when item.Attempts < options.Value.MaxAttempts:
                await queue.FailAsync(item.Id, Trim(result.Error), Backoff(item.Attempts), ct);
                break;
            default:
                await queue.FailAsync(item.Id, Trim(result.Error), null, ct);
                break;
        }
    }

    /// <summary>5 s, 10 s, 20 s … capped at 10 minutes.</summary>
    internal static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(600, 5 * Math.Pow(2, Math.Max(0, attempts - 1))));

    private static string Trim(string? error) => error is null ? "failed" : error.Length > 1000 ? error[..1000] : error;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work item {Kind} {Id} failed")]
    private partial void LogHandlerFailed(Exception ex, string kind, long id);
}
