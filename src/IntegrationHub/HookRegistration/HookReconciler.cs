using System.Globalization;
using IntegrationHub.Data;
using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers.Api;
using IntegrationHub.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// <see cref="WorkKinds.ReconcileHooks"/>: looks at each of a connection's hooks at the provider and repairs what people
/// or the provider changed (see <see cref="HookRepair"/>). Hooks checked since the item's instant are skipped, so a run
/// postponed by a rate limit resumes where it stopped. Finally queues hooks that are missing altogether.
/// </summary>
internal sealed class HookReconciler(HubDb db, IConnectionApis apis, HookRepair repair, RepositoryLocks locks, RateLimitGate gate,
    WorkQueue queue, HookPlanner planner, TimeProvider clock, IOptions<DiscoverOptions> options) : IWorkHandler
{
    private const int Batch = 50;

    public async Task<WorkResult> HandleAsync(ClaimedWork item, CancellationToken ct)
    {
        var connection = await db.Connections.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(c => c.Id == item.ConnectionId, ct);
        if (connection is null || connection.Status != ConnectionStatus.Active)
        {
            return WorkResult.Done;
        }

        var since = DateTimeOffset.TryParse(item.Payload, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s) ? s : clock.GetUtcNow();
        if (gate.WaitUntil(connection) is { } wait)
        {
            return WorkResult.Postpone(wait);
        }

        var api = await apis.ForAsync(connection, ct);
        var busy = new List<Guid>();
        while (true)
        {
            var hooks = await db.Hooks.IgnoreQueryFilters()
                .Where(h => h.ConnectionId == connection.Id && h.RepositoryId != null && !busy.Contains(h.Id)
                    && (h.Status == HookStatus.Registered || h.Status == HookStatus.Disabled)
                    && (h.LastReconciledAt == null || h.LastReconciledAt < since))
                .OrderBy(h => h.LastReconciledAt).Take(Batch).ToListAsync(ct);
            if (hooks.Count == 0)
            {
                break;
            }

            foreach (var hook in hooks)
            {
                await using var held = await locks.TryAcquireAsync(hook.RepositoryId!.Value, ct);
                if (held is null)
                {
                    busy.Add(hook.Id); // being registered or rotated right now: next run
                    continue;
                }

                var repository = await db.Repositories.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == hook.RepositoryId, ct);
                try
                {
                    await repair.CheckAsync(api, connection, repository, hook, ct);
                }
                catch (ProviderApiException ex) when (ex.Kind == ProviderApiErrorKind.RateLimited || (ex.IsTransient && item.Attempts < options.Value.MaxAttempts))
                {
                    await db.SaveChangesAsync(ct); // what was learnt stands: the provider disabled it, an attempt was started
                    await gate.RecordAsync(connection.Id, ex.RateLimit ?? api.LastRateLimit, ct);
                    return ex.Kind == ProviderApiErrorKind.RateLimited
                        ? WorkResult.RateLimited(ex.RetryAt ?? clock.GetUtcNow().AddMinutes(1))
                        : WorkResult.Retry(ex.Message);
                }
                catch (ProviderApiException ex)
                {
                    // A hook the provider disabled stays "disabled" when re-enabling fails: that is its true state.
                    hook.Status = hook.Status == HookStatus.Disabled ? HookStatus.Disabled : HookStatus.Failed;
                    hook.LastError = ex.ProviderMessage is { Length: > 0 } said ? $"{ex.Message} ({said})" : ex.Message;
                }

                hook.LastReconciledAt = clock.GetUtcNow();
                hook.UpdatedAt = hook.LastReconciledAt.Value;
                await db.SaveChangesAsync(ct);
                if (!await queue.RenewAsync(item, TimeSpan.FromSeconds(Math.Max(5, options.Value.LeaseSeconds)), ct))
                {
                    return WorkResult.Done; // the lease ran out and another node carries on with this run
                }

                if (gate.WaitUntil(api.LastRateLimit) is { } pause)
                {
                    await gate.RecordAsync(connection.Id, api.LastRateLimit, ct);
                    return WorkResult.Postpone(pause);
                }
            }
        }

        await gate.RecordAsync(connection.Id, api.LastRateLimit, ct);
        await planner.PlanAsync(connection.Id, ct);
        return WorkResult.Done;
    }
}
