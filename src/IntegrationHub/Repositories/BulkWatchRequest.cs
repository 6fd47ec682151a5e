namespace IntegrationHub.Repositories;

/// <summary>
/// Watch or unwatch many of one connection's repositories: the ones named in <see cref="RepositoryIds"/>, or, when that
/// is null, every repository matching <see cref="Filter"/> (the list's current filter; null matches all). Ids of other
/// connections or tenants are ignored.
/// </summary>
public sealed record BulkWatchRequest(Guid ConnectionId, bool Watched, IReadOnlyCollection<Guid>? RepositoryIds = null, RepositoryFilter? Filter = null);
