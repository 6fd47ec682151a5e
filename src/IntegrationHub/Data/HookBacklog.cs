using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Data;

/// <summary>
/// Repositories still waiting for their hook: watched, present and not archived, with no settled hook (registered,
/// failed or disabled). Hook rows are made when a registration starts, so right after discovery most have none yet.
/// Whether the connection wants hooks at all (its sync mode, a token) is the caller's to add. The Repositories page's
/// card and the connections API count the same.
/// </summary>
public static class HookBacklog
{
    public static IQueryable<Repository> Waiting(HubDb db) => db.Repositories.AsNoTracking().Where(r => r.Watched && r.Status == "active" && !r.Archived
        && !db.Hooks.Any(h => h.RepositoryId == r.Id && (h.Status == HookStatus.Registered || h.Status == HookStatus.Failed || h.Status == HookStatus.Disabled)));
}
