using IntegrationHub.Actions;
using IntegrationHub.Cleanup;
using IntegrationHub.Data;
using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers.Api;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// <see cref="IRemoveHooksJob"/>: removes every live hook of a connection at the provider, whatever its status
/// (disconnect and revoke enqueue it while the token still works). Resumable: removed hooks are not visited again, a
/// rate limit postpones the job (and pauses the connection) until the reset, and a node that dies leaves it to another
/// (its invisibility timeout). When the last hook is gone it finishes the disconnect: the token is revoked and the secrets deleted.
/// </summary>
internal sealed class ConnectionHookRemover(HubDb db, IConnectionApis apis, HookProviderSync sync, RepositoryLocks locks,
    RateLimitGate gate, CleanupFinisher finisher, TimeProvider clock) : IRemoveHooksJob, IJobFailureNote
{
    private const int ProblemsShown = 5;

    public async Task RunAsync(Guid connectionId, string provider, string tenant, CancellationToken ct)
    {
        var connection = await db.Connections.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectionId, ct);
        if (connection is null)
        {
            return;
        }

        if (connection.RateLimitedUntil is { } paused && paused > clock.GetUtcNow())
        {
            throw new ConnectionPausedException(connection.Id, paused);
        }

        using var calls = ProviderCallScope.Begin(connection.Provider, ProviderOperations.Hooks);
        IProviderApi api;
        try
        {
            api = await apis.ForAsync(connection, ct);
        }
        catch (ProviderApiException ex) when (ex.Kind != ProviderApiErrorKind.RateLimited && !(ex.IsTransient && JobAttempt.Current.HasMore))
        {
            await finisher.FailAsync(connection.Id, $"The webhooks could not be removed: {ex.Message}.", ct);
            return;
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
                    throw new JobPostponedException(clock.GetUtcNow().AddSeconds(5), "some repositories are busy on another node");
                }

                await finisher.FinishAsync(connection.Id, Summarize(failed.Select(f => f.Problem).ToList()), ct);
                return;
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
                    var until = ex.RetryAt is { } at && at > clock.GetUtcNow() ? at : clock.GetUtcNow().AddMinutes(1);
                    await gate.PauseAsync(connection.Id, until, ct);
                    throw new ConnectionPausedException(connection.Id, until);
                }
                catch (ProviderApiException ex) when (ex.IsTransient && JobAttempt.Current.HasMore)
                {
                    throw new SanitizedJobException(SanitizedJobException.Describe(ex), noted: true);
                }
                catch (ProviderApiException ex)
                {
                    // Left live, with its reason: the clean-up fails, keeps the token and can be retried.
                    hook.LastError = $"Could not remove at the provider: {ex.Message}";
                    failed.Add((hook.Id, $"The webhook on {repository.FullPath} could not be removed: {ex.Message}."));
                }

                await db.SaveChangesAsync(ct);
                ct.ThrowIfCancellationRequested(); // taken over by another node: it carries on with the removal
            }
        }
    }

    public async Task NoteFailureAsync(IReadOnlyList<object?> arguments, string reason, bool givingUp, CancellationToken ct)
    {
        if (givingUp && arguments is [Guid id, ..])
        {
            await finisher.FailAsync(id, $"The webhooks could not be removed: {reason}", ct);
        }
    }

    /// <summary>A connection whose token was revoked at the provider fails on every hook: the first few say enough.</summary>
    private static List<string> Summarize(List<string> problems) => problems.Count <= ProblemsShown
        ? problems
        : [.. problems.Take(ProblemsShown), $"And {problems.Count - ProblemsShown} more webhook(s) could not be removed."];
}
