using IntegrationHub.Data;
using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers.Api;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// Converges one repository on what its settings want (a hook when watched, none otherwise), under the repository's
/// lock: registering and removing are one operation (<see cref="HookBatchJob"/> runs it for a batch). Running it twice
/// changes nothing the second time; a registered hook costs no provider call. A rate limit pauses the connection and
/// postpones the batch (<see cref="ConnectionPausedException"/>).
/// </summary>
internal sealed class HookRegistrar(HubDb db, IConnectionApis apis, HookProviderSync sync, RepositoryLocks locks, RateLimitGate gate,
    TimeProvider clock)
{
    public async Task<HookOutcome> ConvergeAsync(Guid repositoryId, CancellationToken ct)
    {
        await using var held = await locks.TryAcquireAsync(repositoryId, ct);
        if (held is null)
        {
            return HookOutcome.Busy;
        }

        var repository = await db.Repositories.IgnoreQueryFilters().SingleOrDefaultAsync(r => r.Id == repositoryId, ct);
        var connection = repository is null ? null
            : await db.Connections.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(c => c.Id == repository.ConnectionId, ct);
        if (repository is null || connection is null)
        {
            return HookOutcome.Done;
        }

        var hook = await db.Hooks.IgnoreQueryFilters().SingleOrDefaultAsync(h => h.RepositoryId == repositoryId && h.Status != HookStatus.Removed, ct);
        bool wanted = HookWanted.For(connection, repository);
        if (!wanted && hook is null)
        {
            return HookOutcome.Done;
        }

        if (wanted && hook is { Status: HookStatus.Registered, ProviderHookId: not null })
        {
            return HookOutcome.Done;
        }

        if (connection.RateLimitedUntil is { } paused && paused > clock.GetUtcNow())
        {
            throw new ConnectionPausedException(connection.Id, paused);
        }

        if (gate.WaitUntil(connection) is { } wait)
        {
            throw new JobPostponedException(wait, "few calls left until the provider's rate limit resets");
        }

        if (hook is null)
        {
            hook = sync.NewHook(connection, repository);
            db.Hooks.Add(hook);
            // Stored (pending) before anything can fail, so a registration that cannot even start (a token that cannot
            // be decrypted) still leaves a row that NoteUnhandledAsync marks failed, with the reason, instead of nothing.
            await db.SaveChangesAsync(ct);
        }

        using var calls = ProviderCallScope.Begin(connection.Provider, ProviderOperations.Hooks);
        var api = await apis.ForAsync(connection, ct);
        try
        {
            if (wanted)
            {
                bool lookup = hook.RegisterAttempts > 0 || hook.ProviderHookId is not null;
                hook.RegisterAttempts++;
                hook.Status = HookStatus.Pending;
                await db.SaveChangesAsync(ct); // recorded before the call: a retry after a crash looks for the hook first
                try
                {
                    await sync.EnsureAsync(api, repository, hook, lookup, ct);
                }
                catch (HookCreationPacedException)
                {
                    // Nothing was created: the attempt is given back, so the next run needs no look-up first.
                    hook.RegisterAttempts--;
                    await db.SaveChangesAsync(ct);
                    throw;
                }

                if (!await StillActiveAsync(connection.Id, ct))
                {
                    // Disconnected or revoked while we were creating it: the clean-up may already have run, so the hook
                    // we just made is ours to take down, or it would be left behind at the provider.
                    await db.SaveChangesAsync(ct);
                    hook.Status = HookStatus.Removing;
                    await sync.RemoveAsync(api, repository, hook, ct);
                }
            }
            else
            {
                hook.Status = HookStatus.Removing;
                await db.SaveChangesAsync(ct);
                await sync.RemoveAsync(api, repository, hook, ct);
            }

            await db.SaveChangesAsync(ct);
            await gate.RecordAsync(connection.Id, api.LastRateLimit, ct);
            return HookOutcome.Done;
        }
        catch (ProviderApiException ex)
        {
            await gate.RecordAsync(connection.Id, ex.RateLimit ?? api.LastRateLimit, ct);
            return await FailedAsync(connection.Id, hook, wanted, ex, ct);
        }
    }

    /// <summary>An error that is not the provider's: noted on the pending hooks of <paramref name="repositoryIds"/>, marked failed (so "Retry" shows) when the job gives up.</summary>
    public async Task NoteFailureAsync(IReadOnlyList<Guid> repositoryIds, string reason, bool givingUp, CancellationToken ct)
    {
        string status = givingUp ? HookStatus.Failed : HookStatus.Pending;
        string error = givingUp ? $"Registration stopped: {reason}" : $"Retrying after: {reason}";
        await db.Hooks.IgnoreQueryFilters().Where(h => h.RepositoryId != null && repositoryIds.Contains(h.RepositoryId.Value) && h.Status == HookStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(h => h.Status, status).SetProperty(h => h.LastError, error)
                .SetProperty(h => h.UpdatedAt, clock.GetUtcNow()), ct);
    }

    private async Task<bool> StillActiveAsync(Guid connectionId, CancellationToken ct) =>
        await db.Connections.IgnoreQueryFilters().AsNoTracking()
            .AnyAsync(c => c.Id == connectionId && c.Status == ConnectionStatus.Active, ct);

    private async Task<HookOutcome> FailedAsync(Guid connectionId, Hook hook, bool wanted, ProviderApiException ex, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        string reason = ex.ProviderMessage is { Length: > 0 } said ? $"{ex.Message} ({said})" : ex.Message;
        hook.LastError = reason.Length > 1000 ? reason[..1000] : reason;
        hook.UpdatedAt = now;
        var outcome = HookOutcome.Done;
        if (ex.Kind != ProviderApiErrorKind.RateLimited && ex.IsTransient && JobAttempt.Current.HasMore)
        {
            outcome = HookOutcome.Retry;
        }
        else if (ex.Kind != ProviderApiErrorKind.RateLimited)
        {
            // Permanent: shown on the Repositories page with the provider's words; "Retry" queues it again. A hook we
            // cannot remove (repository gone, access lost, token revoked) is let go, its last error kept.
            hook.Status = wanted ? HookStatus.Failed : HookStatus.Removed;
        }

        await db.SaveChangesAsync(ct);
        if (ex.Kind == ProviderApiErrorKind.RateLimited)
        {
            var until = ex.RetryAt is { } at && at > now ? at : now.AddMinutes(1);
            await gate.PauseAsync(connectionId, until, ct);
            throw new ConnectionPausedException(connectionId, until);
        }

        return outcome;
    }
}
