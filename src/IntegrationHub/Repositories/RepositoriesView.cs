using IntegrationHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Repositories;

/// <summary>Reads the Repositories page for the current tenant (HubDb's filter): one page of rows at a time, so 10,000 repositories stay quick.</summary>
internal sealed class RepositoriesView(HubDb db, RepositoryQuery list)
{
    public const int PageSize = 100;

    public Task<RepositoriesModel> LoadAsync(Guid? connectionId, int page, string? query, CancellationToken ct) =>
        LoadAsync(connectionId, page, new RepositoryFilter(query), RepositorySort.Name, false, ct);

    /// <summary>The page's rows come from <see cref="RepositoryQuery"/>, the data grid's query: the same filters, sorts and states.</summary>
    public async Task<RepositoriesModel> LoadAsync(Guid? connectionId, int page, RepositoryFilter filter, RepositorySort sort, bool descending, CancellationToken ct)
    {
        string? query = filter.Name;
        var connections = await db.Connections.AsNoTracking().OrderBy(c => c.DisplayName)
            .Select(c => new ConnectionSummary(c.Id, c.DisplayName, c.Provider, c.Status, c.WatchMode, c.DiscoveryStatus, c.DiscoveredCount,
                c.DiscoveryStartedAt, c.DiscoveryFinishedAt, c.DiscoveryError, c.RateLimitRemaining, c.RateLimitResetAt, c.AccessTokenProtected != null, c.SyncMode))
            .ToListAsync(ct);
        var selected = connections.FirstOrDefault(c => c.Id == connectionId) ?? connections.FirstOrDefault();
        if (selected is null)
        {
            return new RepositoriesModel(connections, null, null, [], [], 0, 1, PageSize, query);
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

        // The asked page at once; only a page past the end (the list shrank since the link was made) costs a second read.
        page = Math.Max(1, page);
        var request = new RepositoryListRequest(selected.Id, filter, sort, descending, (page - 1) * PageSize, PageSize);
        var listed = await list.ListAsync(request, ct);
        int total = listed.Total;
        int last = Math.Max(1, (total + PageSize - 1) / PageSize);
        if (page > last)
        {
            page = last;
            listed = await list.ListAsync(request with { Skip = (page - 1) * PageSize }, ct);
        }
        var rows = listed.Rows.Select(r => new RepositoryRow(r.Id, r.FullPath, r.Visibility, r.Archived, r.Status, r.Watched, default,
            r.HookId, r.HookState, r.HookError, r.LastDeliveryAt, r.PreviousSecretExpiresAt)).ToList();
        var failing = db.Repositories.AsNoTracking()
            .Where(r => r.ConnectionId == selected.Id && db.Hooks.Any(h => h.RepositoryId == r.Id && h.Status == HookStatus.Failed));
        var failed = await Rows(failing.OrderBy(r => r.FullPath).Take(20), live).ToListAsync(ct);
        return new RepositoriesModel(connections, selected, counts, [.. failed.OrderBy(r => r.FullPath, StringComparer.Ordinal)],
            rows, total, page, PageSize, query) { Filter = filter, Sort = sort, Descending = descending };
    }

    private static IQueryable<RepositoryRow> Rows(IQueryable<Repository> repositories, IQueryable<Hook> hooks) =>
        from r in repositories
        join h in hooks on r.Id equals h.RepositoryId into hs
        from h in hs.DefaultIfEmpty()
        select new RepositoryRow(r.Id, r.FullPath, r.Visibility, r.Archived, r.Status, r.Watched, r.LastSeenAt,
            h == null ? null : h.Id, h == null ? null : h.Status, h == null ? null : h.LastError, h == null ? null : h.LastDeliveryAt,
            h == null ? null : h.PreviousSecretExpiresAt);
}
