namespace IntegrationHub.Repositories;

/// <summary>One page of <see cref="RepositoryQuery"/>: the rows, and how many repositories match the filter in all.</summary>
public sealed record RepositoryListPage(IReadOnlyList<RepositoryListItem> Rows, int Total);
