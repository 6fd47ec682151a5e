namespace IntegrationHub.Repositories;

/// <summary>Everything the Repositories page renders for one request.</summary>
public sealed record RepositoriesModel(IReadOnlyList<ConnectionSummary> Connections, ConnectionSummary? Selected, HookCounts? Counts,
    IReadOnlyList<RepositoryRow> FailedHooks, IReadOnlyList<RepositoryRow> Rows, int Total, int Page, int PageSize, string? Query)
{
    /// <summary>The list's filter (its <see cref="RepositoryFilter.Name"/> is <see cref="Query"/>).</summary>
    public RepositoryFilter Filter { get; init; } = new(Query);

    public RepositorySort Sort { get; init; }

    public bool Descending { get; init; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
