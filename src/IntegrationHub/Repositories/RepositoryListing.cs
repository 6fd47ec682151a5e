using System.Linq.Expressions;
using IntegrationHub.Data;
using IntegrationHub.Settings;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Repositories;

/// <summary>
/// The one query behind the Repositories list, its bulk watch and GET /api/v1/repositories: repositories (HubDb's tenant
/// filter applies to every table joined) with their live hook and poll row, the states computed as SQL CASE expressions,
/// so filtering, sorting and counting stay in PostgreSQL however many repositories a connection has.
/// </summary>
internal static class RepositoryListing
{
    /// <param name="connectionId">
    /// One connection's repositories, or null for the tenant's. Given, it narrows the hooks and poll rows joined too, so
    /// PostgreSQL reads them by connection (ix_hooks_connection, ix_poll_state_connection) instead of scanning the tables.
    /// </param>
    public static IQueryable<RepositorySource> Source(HubDb db, DateTimeOffset now, PollOptions poll, Guid? connectionId)
    {
        var late = now - poll.Interval * RepositoryPollStates.LateIntervals;
        var repositories = db.Repositories.AsNoTracking();
        var hooks = db.Hooks.AsNoTracking().Where(h => h.Status != HookStatus.Removed);
        var polls = db.PollStates.AsNoTracking();
        if (connectionId is { } id)
        {
            repositories = repositories.Where(r => r.ConnectionId == id);
            hooks = hooks.Where(h => h.ConnectionId == id);
            polls = polls.Where(p => p.ConnectionId == id);
        }

        return from r in repositories
               join c in db.Connections.AsNoTracking() on r.ConnectionId equals c.Id
               from h in hooks.Where(h => h.RepositoryId == r.Id).DefaultIfEmpty()
               from p in polls.Where(p => p.RepositoryId == r.Id).DefaultIfEmpty()
               // HookPlanner's "wanted", less the connection status: the card's pending count does not look at it either.
               let app = c.AuthKind == AuthKinds.GitHubApp
               let wanted = r.Watched && r.Status == "active" && !r.Archived && c.SyncMode != SyncModes.PollOnly && !app
               let settled = h != null && (h.Status == HookStatus.Registered || h.Status == HookStatus.Failed || h.Status == HookStatus.Disabled)
               let hookState = settled ? h!.Status
                   : wanted ? RepositoryHookStates.Pending
                   : h != null ? h.Status
                   : app ? RepositoryHookStates.AppWebhook
                   : RepositoryHookStates.None
               // PollScheduler's "polled".
               let polled = r.Watched && r.Status == "active" && c.Status == ConnectionStatus.Active
                   && (c.AccessTokenProtected != null || c.AuthKind == AuthKinds.GitHubApp) && c.GitHubSuspendedAt == null
                   && c.SyncMode != SyncModes.WebhooksOnly
               select new RepositorySource
               {
                   Repository = r,
                   Connection = c,
                   Hook = h,
                   Poll = p,
                   HookState = hookState,
                   HookRank = hookState == RepositoryHookStates.Failed ? 0
                       : hookState == RepositoryHookStates.Disabled ? 1
                       : hookState == RepositoryHookStates.Pending ? 2
                       : hookState == RepositoryHookStates.Removing ? 3
                       : hookState == RepositoryHookStates.Registered || hookState == RepositoryHookStates.AppWebhook ? 4 : 5,
                   PollState = !polled ? RepositoryPollStates.Off
                       : p == null ? RepositoryPollStates.Behind
                       : p.ConsecutiveFailures > 0 ? RepositoryPollStates.Error
                       : p.NextPollAt < late && p.LastOutcome != PollOutcomes.Deferred ? RepositoryPollStates.Behind
                       : RepositoryPollStates.Ok,
               };
    }

    /// <summary>Narrows to <paramref name="filter"/>; the caller has checked it (<see cref="RepositoryFilter.Validate"/>).</summary>
    public static IQueryable<RepositorySource> Filtered(this IQueryable<RepositorySource> rows, RepositoryFilter filter)
    {
        if (Pattern(filter.Name) is { } pattern)
        {
            rows = rows.Where(s => EF.Functions.ILike(s.Repository.FullPath, pattern, "\\"));
        }

        if (filter.HookState is { } hook)
        {
            rows = rows.Where(s => s.HookState == hook);
        }

        if (filter.PollState is { } poll)
        {
            rows = rows.Where(s => s.PollState == poll);
        }

        if (filter.Watched is { } watched)
        {
            rows = rows.Where(s => s.Repository.Watched == watched);
        }

        return rows;
    }

    /// <summary>The name and watched parts of <paramref name="filter"/> on repositories alone (the states need the joins).</summary>
    public static IQueryable<Repository> Named(IQueryable<Repository> repositories, RepositoryFilter filter)
    {
        if (Pattern(filter.Name) is { } pattern)
        {
            repositories = repositories.Where(r => EF.Functions.ILike(r.FullPath, pattern, "\\"));
        }

        return filter.Watched is { } watched ? repositories.Where(r => r.Watched == watched) : repositories;
    }

    /// <summary>"Contains", with the LIKE wildcards and the escape character taken literally.</summary>
    private static string? Pattern(string? name) => string.IsNullOrWhiteSpace(name)
        ? null
        : "%" + name.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";

    /// <summary>Sorted by the column asked, empty values (never delivered, never polled) last either way; ties by path, then id.</summary>
    public static IOrderedQueryable<RepositorySource> Sorted(this IQueryable<RepositorySource> rows, RepositorySort sort, bool descending)
    {
        var sorted = sort switch
        {
            RepositorySort.HookState => descending ? rows.OrderByDescending(s => s.HookRank) : rows.OrderBy(s => s.HookRank),
            RepositorySort.LastDelivery => descending
                ? rows.OrderBy(s => s.Hook == null || s.Hook.LastDeliveryAt == null).ThenByDescending(s => s.Hook!.LastDeliveryAt)
                : rows.OrderBy(s => s.Hook == null || s.Hook.LastDeliveryAt == null).ThenBy(s => s.Hook!.LastDeliveryAt),
            RepositorySort.LastPolled => descending
                ? rows.OrderBy(s => s.Poll == null || s.Poll.LastPolledAt == null).ThenByDescending(s => s.Poll!.LastPolledAt)
                : rows.OrderBy(s => s.Poll == null || s.Poll.LastPolledAt == null).ThenBy(s => s.Poll!.LastPolledAt),
            _ => descending ? rows.OrderByDescending(s => s.Repository.FullPath) : rows.OrderBy(s => s.Repository.FullPath),
        };
        return sort == RepositorySort.Name
            ? descending ? sorted.ThenByDescending(s => s.Repository.Id) : sorted.ThenBy(s => s.Repository.Id)
            : sorted.ThenBy(s => s.Repository.FullPath).ThenBy(s => s.Repository.Id);
    }

    public static IQueryable<RepositoryListItem> Items(this IQueryable<RepositorySource> rows) => rows.Select(ItemOf);

    /// <summary>The row a source makes, in SQL (<see cref="Items"/>) or in memory (<see cref="Item"/>).</summary>
    private static readonly Expression<Func<RepositorySource, RepositoryListItem>> ItemOf = s =>
        new RepositoryListItem(s.Repository.Id, s.Repository.ConnectionId, s.Repository.FullPath, s.Repository.HtmlUrl,
            s.Repository.Visibility, s.Repository.Archived, s.Repository.Status, s.Repository.Watched,
            s.HookState, s.Hook == null ? null : s.Hook.Id, s.Hook == null ? null : s.Hook.LastError,
            s.Hook == null ? null : s.Hook.LastDeliveryAt, s.Hook == null ? null : s.Hook.PreviousSecretExpiresAt,
            s.PollState, s.Poll == null ? null : s.Poll.LastPolledAt, s.Poll == null ? null : s.Poll.LastOutcome,
            s.Poll == null ? null : s.Poll.LastError);

    private static readonly Func<RepositorySource, RepositoryListItem> ItemCompiled = ItemOf.Compile();

    public static RepositoryListItem Item(RepositorySource source) => ItemCompiled(source);
}
