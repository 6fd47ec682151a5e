namespace IntegrationHub.Repositories;

/// <summary>
/// Everything the repository page shows: the repository with both states, its live hook, its last deliveries, its poll
/// and per-stream cursors, and its last normalized events (newest first).
/// </summary>
public sealed record RepositoryDetail(
    RepositoryListItem Repository,
    string ConnectionName,
    string Provider,
    string? DefaultBranch,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    RepositoryHookDetail? Hook,
    IReadOnlyList<RepositoryDeliveryLine> Deliveries,
    RepositoryPollDetail? Poll,
    IReadOnlyList<RepositoryEventLine> Events)
{
    /// <summary>How many deliveries and events the page lists.</summary>
    public const int Recent = 20;
}
