using IntegrationHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Repositories;

/// <summary>
/// Reads the Repositories page's connection part for the current tenant (HubDb's filter): connections, counts and failed
/// hooks. The rows are the grid's, a page at a time through <see cref="RepositoryQuery"/>, so 10,000 repositories stay quick.
/// </summary>
internal sealed class RepositoriesView(HubDb db)
{
    /// <summary>The connection asked for, or the first by name when it is not the tenant's (or none is asked).</summary>
    public async Task<RepositoriesModel> LoadAsync(Guid? connectionId, CancellationToken ct)
    {
        var connections = await db.Connections.AsNoTracking().OrderBy(c => c.DisplayName)
            .Select(c => new ConnectionSummary(c.Id, c.DisplayName, c.Provider, c.Status, c.WatchMode, c.DiscoveryStatus, c.DiscoveredCount,
                c.DiscoveryStartedAt, c.DiscoveryFinishedAt, c.DiscoveryError, c.RateLimitRemaining, c.RateLimitResetAt, c.AccessTokenProtected != null, c.SyncMode))
            .ToListAsync(ct);
        var selected = connections.FirstOrDefault(c => c.Id == connectionId) ?? connections.FirstOrDefault();
        if (selected is null)
        {
            return new RepositoriesModel(connections, null, null, []);
        }

        var live = db.Hooks.AsNoTracking().Where(h => h.ConnectionId == selected.Id && h.Status != HookStatus.Removed);
        var byStatus = await live.GroupBy(h => h.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        int watched = await db.Repositories.CountAsync(r => r.ConnectionId == selected.Id && r.Watched && r.Status == "active", ct);
        // Hook rows are created when a registration starts, so right after discovery most watched repositories have none
        // yet: pending counts every repository that wants a hook and has no settled one (registered, failed or disabled).
        // A connection kept in sync by the poll only wants no hook at all: nothing is pending.
        int pending = selected.SyncMode == SyncModes.PollOnly ? 0 : await db.Repositories.CountAsync(r => r.ConnectionId == selected.Id
            && r.Watched && r.Status == "active" && !r.Archived
            && !db.Hooks.Any(h => h.RepositoryId == r.Id
                && (h.Status == HookStatus.Registered || h.Status == HookStatus.Failed || h.Status == HookStatus.Disabled)), ct);
        var counts = new HookCounts(byStatus.GetValueOrDefault(HookStatus.Registered), pending,
            byStatus.GetValueOrDefault(HookStatus.Failed), byStatus.GetValueOrDefault(HookStatus.Disabled), watched);

        var failing = db.Repositories.AsNoTracking()
            .Where(r => r.ConnectionId == selected.Id && db.Hooks.Any(h => h.RepositoryId == r.Id && h.Status == HookStatus.Failed));
        var failed = await Rows(failing.OrderBy(r => r.FullPath).Take(20), live).ToListAsync(ct);
        return new RepositoriesModel(connections, selected, counts, [.. failed.OrderBy(r => r.FullPath, StringComparer.Ordinal)]);
    }

    private static IQueryable<RepositoryRow> Rows(IQueryable<Repository> repositories, IQueryable<Hook> hooks) =>
        from r in repositories
        join h in hooks on r.Id equals h.RepositoryId into hs
        from h in hs.DefaultIfEmpty()
        select new RepositoryRow(r.Id, r.FullPath, r.Visibility, r.Archived, r.Status, r.Watched, r.LastSeenAt,
            h == null ? null : h.Id, h == null ? null : h.Status, h == null ? null : h.LastError, h == null ? null : h.LastDeliveryAt,
            h == null ? null : h.PreviousSecretExpiresAt);
}
