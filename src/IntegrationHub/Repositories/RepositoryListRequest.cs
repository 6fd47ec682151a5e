namespace IntegrationHub.Repositories;

/// <summary>
/// One page of one connection's repositories: filtered, sorted, <see cref="Skip"/> rows in, at most <see cref="Take"/>
/// (1 to <see cref="MaxTake"/>). Shaped for a server-side data grid: it sends skip/take and a sort column, and reads the total.
/// </summary>
public sealed record RepositoryListRequest(
    Guid ConnectionId,
    RepositoryFilter? Filter = null,
    RepositorySort Sort = RepositorySort.Name,
    bool Descending = false,
    int Skip = 0,
    int Take = 50)
{
    public const int MaxTake = 500;
}
