namespace IntegrationHub.Repositories;

/// <summary>
/// The Repositories page around its grid: the tenant's connections, the one shown, its hook counts and failed hooks.
/// The grid reads its rows itself, a page at a time (<see cref="RepositoryQuery"/>).
/// </summary>
public sealed record RepositoriesModel(IReadOnlyList<ConnectionSummary> Connections, ConnectionSummary? Selected, HookCounts? Counts,
    IReadOnlyList<RepositoryRow> FailedHooks);
