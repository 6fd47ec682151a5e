using IntegrationHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Cleanup;

/// <summary>
/// Reads <see cref="CleanupState"/> for the disconnect page (the tenant's own connection, HubDb's filter) and the admin
/// revoke page (any tenant's, for platform admins only: anyone else gets nothing, whatever the page asked).
/// </summary>
public sealed class CleanupProgressQuery(HubDb db, TenantScope scope)
{
    public async Task<CleanupState?> LoadAsync(Guid connectionId, bool acrossTenants, CancellationToken ct)
    {
        if (acrossTenants && !scope.IsPlatformAdmin)
        {
            return null;
        }

        var connections = acrossTenants ? db.Connections.IgnoreQueryFilters() : db.Connections;
        var hooks = acrossTenants ? db.Hooks.IgnoreQueryFilters() : db.Hooks;
        return await connections.AsNoTracking().Where(c => c.Id == connectionId)
            .Select(c => new CleanupState(c.Id, c.TenantId, c.Status, c.CleanupStatus, c.CleanupError, c.CleanupNotes, c.RateLimitedUntil,
                hooks.Count(h => h.ConnectionId == c.Id && h.RepositoryId != null && h.Status != HookStatus.Removed)))
            .FirstOrDefaultAsync(ct);
    }
}
