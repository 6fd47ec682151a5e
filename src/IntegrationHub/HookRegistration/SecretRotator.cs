using IntegrationHub.Actions;
using IntegrationHub.Audit;
using IntegrationHub.Data;
using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers.Api;
using IntegrationHub.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// <see cref="IRotateSecretJob"/>: a new secret for one hook. The swap is stored first (current → previous, the
/// previous accepted without expiry: that state itself marks a swap the provider was not told of yet, so a retry never
/// generates a second secret), then the provider is told. Until then deliveries carry the old secret, which is still accepted; the grace period starts only once the
/// provider took the new one. When the provider refuses for good, the old secret becomes current again: it is the one
/// the provider signs with, so deliveries keep verifying after any grace period.
/// </summary>
internal sealed class SecretRotator(HubDb db, IConnectionApis apis, HookProviderSync sync, RepositoryLocks locks, RateLimitGate gate, ISecretProtector secrets,
    AuditLog audit, TimeProvider clock, IOptions<HookOptions> hooks) : IRotateSecretJob, IJobFailureNote
{
    public async Task RunAsync(Guid hookId, string provider, string tenant, CancellationToken ct)
    {
        var hook = await db.Hooks.IgnoreQueryFilters().SingleOrDefaultAsync(h => h.Id == hookId, ct);
        if (hook?.RepositoryId is not { } repositoryId || hook.Status != HookStatus.Registered || hook.ProviderHookId is null)
        {
            return; // nothing registered to rotate; registration will use a fresh secret anyway
        }

        await using var held = await locks.TryAcquireAsync(repositoryId, ct)
            ?? throw new JobPostponedException(clock.GetUtcNow().AddSeconds(2), "the repository's hook is busy on another node");
        bool generated = hook.PreviousSecretProtected is not null && hook.PreviousSecretExpiresAt is null;
        if (!generated && await sync.RecordedElsewhereAsync(hook, ct))
        {
            // Its provider hook id is also another connection's: updating it could rewrite that tenant's hook. The
            // reconciliation sorts out whose it is (and gives this row a hook of its own); rotate again after that.
            hook.LastError = "Secret rotation not started: the provider hook this webhook records is also recorded by another connection; the next reconciliation gives it a hook of its own.";
            hook.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return;
        }

        var grace = TimeSpan.FromMinutes(Math.Max(0, hooks.Value.RotationGraceMinutes));
        if (!generated)
        {
            hook.PreviousSecretProtected = hook.SecretProtected;
            hook.PreviousSecretExpiresAt = null; // no expiry until the provider has switched (see HookSecrets)
            hook.SecretProtected = secrets.Protect(HookProviderSync.NewSecret(hook.Provider));
            hook.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        var repository = await db.Repositories.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == repositoryId, ct);
        var connection = await db.Connections.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == hook.ConnectionId, ct);
        using var calls = ProviderCallScope.Begin(connection.Provider, ProviderOperations.Hooks);
        var api = await apis.ForAsync(connection, ct);
        try
        {
            var updated = await api.Hooks.UpdateAsync(HookProviderSync.Ref(repository), hook.ProviderHookId, sync.Spec(hook, api.Descriptor), ct);
            hook.ProviderHookId = updated.Id;
            hook.PreviousSecretExpiresAt = clock.GetUtcNow() + grace;
            hook.LastError = null;
            hook.UpdatedAt = clock.GetUtcNow();
            audit.Record("hook.secret_rotated", hook.TenantId, repository.FullPath, $"previous secret accepted until {hook.PreviousSecretExpiresAt:u}", actor: "worker");
            await db.SaveChangesAsync(ct);
        }
        catch (ProviderApiException ex)
        {
            Exception next = ex.Kind == ProviderApiErrorKind.RateLimited
                ? new ConnectionPausedException(connection.Id, ex.RetryAt is { } at && at > clock.GetUtcNow() ? at : clock.GetUtcNow().AddMinutes(1))
                : new SanitizedJobException(SanitizedJobException.Describe(ex), noted: true, final: !(ex.IsTransient && JobAttempt.Current.HasMore));
            hook.LastError = $"Secret rotation: {ex.Message}";
            if (!ex.IsTransient && hook.PreviousSecretProtected is { } old)
            {
                // The provider refused the new secret and still signs with the old one: keep that one as current.
                hook.SecretProtected = old;
                hook.PreviousSecretProtected = null;
                hook.PreviousSecretExpiresAt = null;
                hook.LastError = $"Secret rotation failed, the current secret was kept: {ex.Message}";
                audit.Record("hook.secret_rotation_failed", hook.TenantId, hook.Url, hook.LastError, actor: "worker");
            }

            // Given up after transient failures, the provider may or may not have switched: both secrets stay accepted.
            hook.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            if (next is ConnectionPausedException paused)
            {
                await gate.PauseAsync(connection.Id, paused.Until, ct);
            }

            throw next;
        }
    }

    /// <summary>An error that is not the provider's: noted on the hook. Both secrets stay accepted (no expiry was set).</summary>
    public async Task NoteFailureAsync(IReadOnlyList<object?> arguments, string reason, bool givingUp, CancellationToken ct)
    {
        if (arguments is not [Guid hookId, ..])
        {
            return;
        }

        string error = givingUp ? $"Secret rotation stopped, both secrets stay accepted: {reason}" : $"Secret rotation retrying after: {reason}";
        await db.Hooks.IgnoreQueryFilters().Where(h => h.Id == hookId)
            .ExecuteUpdateAsync(u => u.SetProperty(h => h.LastError, error).SetProperty(h => h.UpdatedAt, clock.GetUtcNow()), ct);
    }
}
