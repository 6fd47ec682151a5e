using IntegrationHub.Audit;
using IntegrationHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.WebhookIntake;

/// <summary>The Activity page's reads, scoped to the current tenant by HubDb's filter: one page of events, newest first.</summary>
internal sealed class ActivityQueries(HubDb db, AuditLog audit)
{
    /// <summary>A live reload passes the <paramref name="repositories"/> it already has: the filter's list is not re-read for each new event.</summary>
    public async Task<ActivityModel> LoadAsync(ActivityFilter filter, IReadOnlyList<(Guid Id, string FullPath)>? repositories, CancellationToken ct)
    {
        repositories ??= (await db.Repositories.AsNoTracking().OrderBy(r => r.FullPath).Select(r => new { r.Id, r.FullPath }).Take(1000).ToListAsync(ct))
            .Select(r => (r.Id, r.FullPath)).ToList();

        var query = db.Events.AsNoTracking();
        if (filter.Repository is { } repositoryId) query = query.Where(e => e.RepositoryId == repositoryId);
        if (!string.IsNullOrEmpty(filter.Kind)) query = query.Where(e => e.Kind == filter.Kind);
        if (!string.IsNullOrEmpty(filter.Source)) query = query.Where(e => e.Source == filter.Source);
        int page = Math.Max(1, filter.Page);
        var events = await query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip((page - 1) * ActivityFilter.PageSize).Take(ActivityFilter.PageSize + 1).ToListAsync(ct);
        var shown = events.Take(ActivityFilter.PageSize).ToList();
        var ids = shown.Select(e => e.RepositoryId).Distinct().ToList();
        var paths = await db.Repositories.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.FullPath, ct);
        var rows = shown.Select(e => ActivityRow.From(e, paths.GetValueOrDefault(e.RepositoryId, "?"))).ToList();
        var entries = await audit.ForCurrentTenant().Take(25).ToListAsync(ct);
        return new ActivityModel(rows, events.Count > ActivityFilter.PageSize, repositories, entries);
    }
}
