namespace IntegrationHub.Repositories;

/// <summary>A repository as the API shows it, with the state of the hub's webhook on it (null: none yet).</summary>
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
    DateTimeOffset LastSeenAt);
