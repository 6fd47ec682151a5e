using IntegrationHub.Data;
using IntegrationHub.Discover;
using IntegrationHub.Jobs;
using IntegrationHub.Providers.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hooks;

/// <summary>
/// <see cref="WorkKinds.RemoveHooks"/>: removes every live hook of a connection at the provider, whatever its status
/// (disconnect enqueues it while the token still works). Resumable: removed hooks are not visited again.
/// </summary>
internal sealed class ConnectionHookRemover(HubDb db, Connect.IConnectionApis apis, HookProviderSync sync, RepositoryLocks locks,
    WorkQueue queue, TimeProvider clock, IOptions<DiscoverOptions> options) : IWorkHandler
{
    public async Task<WorkResult> HandleAsync(ClaimedWork item, CancellationToken ct)
    {
        var connection = await db.Connections.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(c => c.Id == item.ConnectionId, ct);
        if (connection is null)
        {
            return WorkResult.Done;
        }

        var api = await apis.ForAsync(connection, ct);
        var busy = new List<Guid>();
        while (true)
        {
            var hooks = await db.Hooks.IgnoreQueryFilters()
                .Where(h => h.ConnectionId == connection.Id && h.Status != HookStatus.Removed && h.RepositoryId != null && !busy.Contains(h.Id))
                .Take(50).ToListAsync(ct);
            if (hooks.Count == 0)
            {
                return busy.Count == 0 ? WorkResult.Done : WorkResult.Postpone(clock.GetUtcNow().AddSeconds(5));
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
                    hook.Status = HookStatus.Removed;
                    hook.LastError = $"Could not remove at the provider: {ex.Message}";
                }

                await db.SaveChangesAsync(ct);
                if (!await queue.RenewAsync(item, TimeSpan.FromSeconds(Math.Max(5, options.Value.LeaseSeconds)), ct))
                {
                    return WorkResult.Done; // the lease ran out and another node carries on with the removal
                }
            }
        }
    }
}
