using IntegrationHub.Audit;
using IntegrationHub.Connect;
using IntegrationHub.Data;
using IntegrationHub.Discover;
using IntegrationHub.Jobs;
using IntegrationHub.Providers.Api;
using IntegrationHub.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hooks;

/// <summary>
/// <see cref="WorkKinds.RotateSecret"/>: a new secret for one hook. The swap is stored first (current → previous, kept
/// for the grace period; the item is marked so a retry never generates a second one), then the provider is told.
/// Until then deliveries carry the old secret, which is still accepted; the grace period counts from the provider's switch.
/// </summary>
internal sealed class SecretRotator(HubDb db, IConnectionApis apis, HookProviderSync sync, RepositoryLocks locks, ISecretProtector secrets,
    AuditLog audit, TimeProvider clock, IOptions<HookOptions> hooks, IOptions<DiscoverOptions> options) : IWorkHandler
{
    internal const string Generated = "generated";

    public async Task<WorkResult> HandleAsync(ClaimedWork item, CancellationToken ct)
    {
        var hook = await db.Hooks.IgnoreQueryFilters().SingleOrDefaultAsync(h => h.Id == item.SubjectId, ct);
        if (hook?.RepositoryId is not { } repositoryId || hook.Status != HookStatus.Registered || hook.ProviderHookId is null)
        {
            return WorkResult.Done; // nothing registered to rotate; registration will use a fresh secret anyway
        }

        await using var held = await locks.TryAcquireAsync(repositoryId, ct);
        if (held is null)
        {
            return WorkResult.Postpone(clock.GetUtcNow().AddSeconds(2));
        }

        var grace = TimeSpan.FromMinutes(Math.Max(0, hooks.Value.RotationGraceMinutes));
        if (item.Payload != Generated)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            hook.PreviousSecretProtected = hook.SecretProtected;
            hook.PreviousSecretExpiresAt = clock.GetUtcNow() + grace;
            hook.SecretProtected = secrets.Protect(SecretGenerator.New(32));
            hook.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE work_items SET payload = {Generated} WHERE id = {item.Id}", ct);
            await tx.CommitAsync(ct);
        }

        var repository = await db.Repositories.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == repositoryId, ct);
        var connection = await db.Connections.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == hook.ConnectionId, ct);
        var api = await apis.ForAsync(connection, ct);
        try
        {
            var updated = await api.UpdateHookAsync(HookProviderSync.Ref(repository), hook.ProviderHookId, sync.Spec(hook, api.Descriptor), ct);
            hook.ProviderHookId = updated.Id;
            hook.PreviousSecretExpiresAt = clock.GetUtcNow() + grace;
            hook.LastError = null;
            hook.UpdatedAt = clock.GetUtcNow();
            audit.Record("hook.secret_rotated", hook.TenantId, repository.FullPath, $"previous secret accepted until {hook.PreviousSecretExpiresAt:u}", actor: "worker");
            await db.SaveChangesAsync(ct);
            return WorkResult.Done;
        }
        catch (ProviderApiException ex)
        {
            hook.LastError = $"Secret rotation: {ex.Message}";
            await db.SaveChangesAsync(ct);
            return ex.Kind == ProviderApiErrorKind.RateLimited ? WorkResult.Postpone(ex.RetryAt ?? clock.GetUtcNow().AddMinutes(1))
                : ex.IsTransient && item.Attempts < options.Value.MaxAttempts ? WorkResult.Retry(ex.Message)
                : WorkResult.Fail(ex.Message);
        }
    }
}
