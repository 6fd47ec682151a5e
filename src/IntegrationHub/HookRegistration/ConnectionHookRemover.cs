using IntegrationHub.Cleanup;
using IntegrationHub.Data;
using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers.Api;
using IntegrationHub.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// <see cref="WorkKinds.RemoveHooks"/>: removes every live hook of a connection at the provider, whatever its status
/// (disconnect and revoke enqueue it while the token still works). Resumable: removed hooks are not visited again, a
/// rate limit postpones the item (and pauses the connection) until the reset, and a node that dies leaves it leased for
/// another. When the last hook is gone it finishes the disconnect: the token is revoked and the secrets deleted.
/// </summary>
internal sealed class ConnectionHookRemover(HubDb db, IConnectionApis apis, HookProviderSync sync, RepositoryLocks locks,
    WorkQueue queue, CleanupFinisher finisher, TimeProvider clock, IOptions<DiscoverOptions> options) : IWorkHandler
{
    private const int ProblemsShown = 5;

    public async Task<WorkResult> HandleAsync(ClaimedWork item, CancellationToken ct)
    {
        var connection = await db.Connections.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(c => c.Id == item.ConnectionId, ct);
        if (connection is null)
        {
            return WorkResult.Done;
        }

        IProviderApi api;
        try
        {
            api = await apis.ForAsync(connection, ct);
        }
        catch (ProviderApiException ex) when (ex.Kind != ProviderApiErrorKind.RateLimited && !(ex.IsTransient && item.Attempts < options.Value.MaxAttempts))
        {
            await finisher.FailAsync(connection.Id, $"The webhooks could not be removed: {ex.Message}.", ct);
            return WorkResult.Done;
        }

        var busy = new List<Guid>();
        var failed = new List<(Guid Id, string Problem)>();
        while (true)
        {
            var skip = busy.Concat(failed.Select(f => f.Id)).ToList();
            var hooks = await db.Hooks.IgnoreQueryFilters()
                .Where(h => h.ConnectionId == connection.Id && h.Status != HookStatus.Removed && h.RepositoryId != null && !skip.Contains(h.Id))
                .OrderBy(h => h.Id).Take(50).ToListAsync(ct);
            if (hooks.Count == 0)
            {
                if (busy.Count > 0)
                {
                    return WorkResult.Postpone(clock.GetUtcNow().AddSeconds(5));
                }

                await finisher.FinishAsync(connection.Id, Summarize(failed.Select(f => f.Problem).ToList()), ct);
                return WorkResult.Done;
            }

            foreach (var hook in hooks)
            {
                await using var held = await locks.TryAcquireAsync(hook.RepositoryId!.Value, ct);
                if (held is null)
                {
                    busy.Add(hook.Id);
                    continue;
                }

                var repository = await db.Repositories.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == hook.RepositoryId, ct);
                try
                {
                    await sync.RemoveAsync(api, repository, hook, ct);
                }
                catch (ProviderApiException ex) when (ex.Kind == ProviderApiErrorKind.RateLimited)
                {
                    return WorkResult.RateLimited(ex.RetryAt ?? clock.GetUtcNow().AddMinutes(1));
                }
                catch (ProviderApiException ex) when (ex.IsTransient && item.Attempts < options.Value.MaxAttempts)
                {
                    return WorkResult.Retry(ex.Message);
                }
                catch (ProviderApiException ex)
                {
                    // Left live, with its reason: the clean-up fails, keeps the token and can be retried.
                    hook.LastError = $"Could not remove at the provider: {ex.Message}";
                    failed.Add((hook.Id, $"The webhook on {repository.FullPath} could not be removed: {ex.Message}."));
                }

                await db.SaveChangesAsync(ct);
                if (!await queue.RenewAsync(item, TimeSpan.FromSeconds(Math.Max(5, options.Value.LeaseSeconds)), ct))
                {
                    return WorkResult.Done; // the lease ran out and another node carries on with the removal
                }
            }
        }
    }

    public async Task NoteUnhandledAsync(ClaimedWork item, string reason, bool givingUp, CancellationToken ct)
    {
        if (givingUp && item.ConnectionId is { } id)
        {
            await finisher.FailAsync(id, $"The webhooks could not be removed: {reason}", ct);
        }
    }

    /// <summary>A connection whose token was revoked at the provider fails on every hook: the first few say enough.</summary>
    private static List<string> Summarize(List<string> problems) => problems.Count <= ProblemsShown
        ? problems
        : [.. problems.Take(ProblemsShown), $"And {problems.Count - ProblemsShown} more webhook(s) could not be removed."];
}
