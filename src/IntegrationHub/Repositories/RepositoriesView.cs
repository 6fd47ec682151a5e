using IntegrationHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Repositories;

/// <summary>Reads the Repositories page for the current tenant (HubDb's filter): one page of rows at a time, so 10,000 repositories stay quick.</summary>
internal sealed class RepositoriesView(ConnectionPanelQuery panel, RepositoryQuery list)
{
    public const int PageSize = 100;

    public Task<RepositoriesModel> LoadAsync(Guid? connectionId, int page, string? query, CancellationToken ct) =>
        LoadAsync(connectionId, page, new RepositoryFilter(query), RepositorySort.Name, false, ct);

    /// <summary>The page's rows come from <see cref="RepositoryQuery"/>, the data grid's query: the same filters, sorts and states.</summary>
    public async Task<RepositoriesModel> LoadAsync(Guid? connectionId, int page, RepositoryFilter filter, RepositorySort sort, bool descending, CancellationToken ct)
    {
        string? query = filter.Name;
        var connections = await panel.AllByName().ToListAsync(ct);
        var selected = connections.FirstOrDefault(c => c.Id == connectionId) ?? connections.FirstOrDefault();
        if (selected is null)
        {
            return new RepositoriesModel(connections, null, null, [], [], 0, 1, PageSize, query);
        }

        var counts = await panel.CountsAsync(selected, ct);

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
        var failed = await panel.FailedAsync(selected.Id, ct);
        return new RepositoriesModel(connections, selected, counts, failed,
            rows, total, page, PageSize, query) { Filter = filter, Sort = sort, Descending = descending };
    }
}
