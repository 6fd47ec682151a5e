namespace IntegrationHub.Repositories;

/// <summary>
/// A repository as the API shows it. <see cref="HookStatus"/> is the live webhook's own status (null: none yet);
/// <see cref="HookState"/> and <see cref="PollState"/> are the Repositories list's states, the values the filters take.
/// </summary>
public sealed record RepositoryJson(
    Guid Id,
    Guid ConnectionId,
    string Provider,
    string FullPath,
    string ExternalId,
    string? WebUrl,
    string? DefaultBranch,
    string Visibility,
    bool Archived,
    string Status,
    bool Watched,
    string? HookStatus,
    DateTimeOffset? LastDeliveryAt,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    string HookState,
    string PollState);
