using IntegrationHub.Actions;
using IntegrationHub.Data;
using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers.Api;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// <see cref="IReconcileHooksJob"/>: looks at each of a connection's hooks at the provider and repairs what people
/// or the provider changed (see <see cref="HookRepair"/>). Hooks checked since the item's instant are skipped, so a run
/// postponed by a rate limit resumes where it stopped. Finally plans hooks that are missing altogether. One node at a
/// time per connection (its reconcile lock).
/// </summary>
internal sealed class HookReconciler(HubDb db, IConnectionApis apis, HookRepair repair, RepositoryLocks locks, RateLimitGate gate,
    HookPlanner planner, TimeProvider clock) : IReconcileHooksJob
{
    private const int Batch = 50;

    public async Task RunAsync(Guid connectionId, DateTimeOffset since, string provider, string tenant, CancellationToken ct)
    {
        var connection = await db.Connections.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectionId, ct);
        // An app connection has no repository hooks (its app webhook covers every installed repository): nothing to
        // check, and no installation token worth minting for it.
        if (connection is null || connection.Status != ConnectionStatus.Active || connection.AuthKind == AuthKinds.GitHubApp)
        {
            return;
        }

        if (connection.RateLimitedUntil is { } paused && paused > clock.GetUtcNow())
        {
            throw new ConnectionPausedException(connection.Id, paused);
        }

        await using var run = await locks.TryAcquireAsync("reconcile", connection.Id, ct)
            ?? throw new JobPostponedException(clock.GetUtcNow().AddSeconds(5), "another node is reconciling this connection");
        if (gate.WaitUntil(connection) is { } wait)
        {
            throw new JobPostponedException(wait, "few calls left until the provider's rate limit resets");
        }

        using var calls = ProviderCallScope.Begin(connection.Provider, ProviderOperations.Hooks);
        var api = await apis.ForAsync(connection, ct);
        var skipped = new List<Guid>(); // busy on another node, or not to be repaired: not loaded again this run
        while (true)
        {
            var hooks = await db.Hooks.IgnoreQueryFilters()
                .Where(h => h.ConnectionId == connection.Id && h.RepositoryId != null && !skipped.Contains(h.Id)
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
                    skipped.Add(hook.Id); // being registered or rotated right now: next run
                    continue;
                }

                // Read again under the lock: a hook batch may have removed it since this page was loaded (an unwatch, a switch to
                // the poll only), and a hook the repository no longer wants is the closing plan's to remove, not to repair.
                await db.Entry(hook).ReloadAsync(ct);
                var repository = await db.Repositories.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == hook.RepositoryId, ct);
                if (hook.Status is not (HookStatus.Registered or HookStatus.Disabled) || !HookWanted.For(connection, repository))
                {
                    skipped.Add(hook.Id);
                    continue;
                }

                try
                {
                    await repair.CheckAsync(api, connection, repository, hook, ct);
                }
                catch (ProviderApiException ex) when (ex.Kind == ProviderApiErrorKind.RateLimited || (ex.IsTransient && JobAttempt.Current.HasMore))
                {
                    await db.SaveChangesAsync(ct); // what was learnt stands: the provider disabled it, an attempt was started
                    await gate.RecordAsync(connection.Id, ex.RateLimit ?? api.LastRateLimit, ct);
                    if (ex.Kind == ProviderApiErrorKind.RateLimited)
                    {
                        var until = ex.RetryAt is { } at && at > clock.GetUtcNow() ? at : clock.GetUtcNow().AddMinutes(1);
                        await gate.PauseAsync(connection.Id, until, ct);
                        throw new ConnectionPausedException(connection.Id, until);
                    }

                    throw new SanitizedJobException(SanitizedJobException.Describe(ex), noted: true);
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
                ct.ThrowIfCancellationRequested(); // taken over by another node: it carries on from the hooks checked so far
                if (gate.WaitUntil(api.LastRateLimit) is { } pause)
                {
                    await gate.RecordAsync(connection.Id, api.LastRateLimit, ct);
                    throw new JobPostponedException(pause, "few calls left until the provider's rate limit resets");
                }
            }
        }

        await gate.RecordAsync(connection.Id, api.LastRateLimit, ct);
        await planner.PlanAsync(connection.Id, ct);
    }
}
