using IntegrationHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Repositories;

/// <summary>
/// The Repositories page's connection panel (discovery progress, hook counts, failed hooks) without the repository
/// list: what a live panel reads again each time its connection or hooks change. Tenant-filtered (HubDb).
/// </summary>
internal sealed class ConnectionPanelQuery(HubDb db)
{
    public const int FailedShown = 20;

    /// <summary>Every connection of the tenant, by name.</summary>
    public IQueryable<ConnectionSummary> AllByName() => Summaries(db.Connections.OrderBy(c => c.DisplayName));

    // Filters and orders go before the projection: EF cannot translate them over the record's constructor.
    private static IQueryable<ConnectionSummary> Summaries(IQueryable<Connection> connections) =>
        connections.AsNoTracking().Select(c => new ConnectionSummary(c.Id, c.DisplayName, c.Provider, c.Status, c.WatchMode, c.DiscoveryStatus,
            c.DiscoveredCount, c.DiscoveryStartedAt, c.DiscoveryFinishedAt, c.DiscoveryError, c.RateLimitRemaining, c.RateLimitResetAt,
            c.AccessTokenProtected != null, c.SyncMode, c.AuthKind == AuthKinds.GitHubApp));

    /// <summary>The connection, its hook counts and its failed hooks; null when the tenant has no such connection (any more).</summary>
    public async Task<ConnectionPanelState?> LoadAsync(Guid connectionId, CancellationToken ct)
    {
        var summary = await Summaries(db.Connections.Where(c => c.Id == connectionId)).FirstOrDefaultAsync(ct);
        return summary is null ? null : new ConnectionPanelState(summary, await CountsAsync(summary, ct), await FailedAsync(summary.Id, ct));
    }

    public async Task<HookCounts> CountsAsync(ConnectionSummary connection, CancellationToken ct)
    {
        var byStatus = await db.Hooks.AsNoTracking().Where(h => h.ConnectionId == connection.Id && h.Status != HookStatus.Removed)
            .GroupBy(h => h.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        int watched = await db.Repositories.CountAsync(r => r.ConnectionId == connection.Id && r.Watched && r.Status == "active", ct);
        // Pending counts every repository that wants a hook and has no settled one yet (HookBacklog). A connection kept in
        // sync by the poll only, or by a GitHub App's webhook, wants no hook at all: nothing is pending.
        int pending = connection.SyncMode == SyncModes.PollOnly || connection.AppWebhook ? 0
            : await HookBacklog.Waiting(db).CountAsync(r => r.ConnectionId == connection.Id, ct);
        return new HookCounts(byStatus.GetValueOrDefault(HookStatus.Registered), pending,
            byStatus.GetValueOrDefault(HookStatus.Failed), byStatus.GetValueOrDefault(HookStatus.Disabled), watched);
    }

    /// <summary>The first <see cref="FailedShown"/> repositories whose hook failed, with the provider's words.</summary>
    public async Task<IReadOnlyList<RepositoryRow>> FailedAsync(Guid connectionId, CancellationToken ct)
    {
        var live = db.Hooks.AsNoTracking().Where(h => h.ConnectionId == connectionId && h.Status != HookStatus.Removed);
        var failing = db.Repositories.AsNoTracking()
            .Where(r => r.ConnectionId == connectionId && db.Hooks.Any(h => h.RepositoryId == r.Id && h.Status == HookStatus.Failed));
        var failed = await (
            from r in failing.OrderBy(r => r.FullPath).Take(FailedShown)
            join h in live on r.Id equals h.RepositoryId into hs
            from h in hs.DefaultIfEmpty()
            select new RepositoryRow(r.Id, r.FullPath, r.Visibility, r.Archived, r.Status, r.Watched, r.LastSeenAt,
                h == null ? null : h.Id, h == null ? null : h.Status, h == null ? null : h.LastError, h == null ? null : h.LastDeliveryAt,
                h == null ? null : h.PreviousSecretExpiresAt)).ToListAsync(ct);
        return [.. failed.OrderBy(r => r.FullPath, StringComparer.Ordinal)];
    }
}
