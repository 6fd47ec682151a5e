using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Repositories;

/// <summary>
/// Reads the Repositories page's connection part for the current tenant (HubDb's filter): connections, counts and failed
/// hooks, through the query the live panel re-reads. The rows are the grid's, a page at a time through
/// <see cref="RepositoryQuery"/>, so 10,000 repositories stay quick.
/// </summary>
internal sealed class RepositoriesView(ConnectionPanelQuery panel)
{
    /// <summary>The connection asked for, or the first by name when it is not the tenant's (or none is asked).</summary>
    public async Task<RepositoriesModel> LoadAsync(Guid? connectionId, CancellationToken ct)
    {
        var connections = await panel.AllByName().ToListAsync(ct);
        var selected = connections.FirstOrDefault(c => c.Id == connectionId) ?? connections.FirstOrDefault();
        if (selected is null)
        {
            return new RepositoriesModel(connections, null, null, []);
        }

        return new RepositoriesModel(connections, selected, await panel.CountsAsync(selected, ct), await panel.FailedAsync(selected.Id, ct));
    }
}
