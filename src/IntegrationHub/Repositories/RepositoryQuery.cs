using IntegrationHub.Data;
using IntegrationHub.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Repositories;

/// <summary>
/// Pages of one connection's repositories for the Repositories list (a server-side data grid binds to it): filter, sort,
/// skip and take all run in PostgreSQL, two statements a page (the rows and the count), so 10,000 repositories on one
/// connection cost a page, not a table. Inside a request only: HubDb's tenant filter confines it to the current tenant,
/// so another tenant's connection id finds nothing.
/// </summary>
internal sealed class RepositoryQuery(HubDb db, TimeProvider clock, IOptions<PollOptions> poll)
{
    /// <exception cref="ArgumentException">The request's filter names an unknown state (see <see cref="RepositoryFilter.Validate"/>).</exception>
    public async Task<RepositoryListPage> ListAsync(RepositoryListRequest request, CancellationToken ct)
    {
        var filter = request.Filter ?? RepositoryFilter.Any;
        if (filter.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors.Values.SelectMany(e => e)), nameof(request));
        }

        var rows = Matching(request.ConnectionId, filter);
        // Without a state filter the count needs no hook or poll row: counted on repositories alone (an index range).
        int total = filter.HookState is null && filter.PollState is null
            ? await RepositoryListing.Named(db.Repositories.Where(r => r.ConnectionId == request.ConnectionId), filter).CountAsync(ct)
            : await rows.CountAsync(ct);
        int take = Math.Clamp(request.Take, 1, RepositoryListRequest.MaxTake);
        var items = await rows.Sorted(request.Sort, request.Descending).Skip(Math.Max(0, request.Skip)).Take(take).Items().ToListAsync(ct);
        return new RepositoryListPage(items, total);
    }

    /// <summary>The ids of every repository of the connection matching <paramref name="filter"/> (for "all matching" in bulk actions).</summary>
    internal Task<List<Guid>> IdsAsync(Guid connectionId, RepositoryFilter filter, CancellationToken ct) =>
        Matching(connectionId, filter).Select(s => s.Repository.Id).ToListAsync(ct);

    private IQueryable<RepositorySource> Matching(Guid connectionId, RepositoryFilter filter) =>
        RepositoryListing.Source(db, clock.GetUtcNow(), poll.Value, connectionId).Filtered(filter);
}
