namespace IntegrationHub.Repositories;

/// <summary>
/// Rows are the same repository when their ids are: a selection survives a reload that brings the row back with a new
/// hook state (a record's own equality would drop it).
/// </summary>
public sealed class RepositoryItemById : IEqualityComparer<RepositoryListItem>
{
    public static readonly RepositoryItemById Instance = new();

    public bool Equals(RepositoryListItem? x, RepositoryListItem? y) => x?.Id == y?.Id;

    public int GetHashCode(RepositoryListItem obj) => obj.Id.GetHashCode();
}
