namespace IntegrationHub.Repositories;

/// <summary>One row of the Repositories list: the repository, its live hook (if any) and its poll, with both states.</summary>
public sealed record RepositoryListItem(
    Guid Id,
    Guid ConnectionId,
    string FullPath,
    string? WebUrl,
    string Visibility,
    bool Archived,
    string Status,
    bool Watched,
    string HookState,
    Guid? HookId,
    string? HookError,
    DateTimeOffset? LastDeliveryAt,
    DateTimeOffset? PreviousSecretExpiresAt,
    string PollState,
    DateTimeOffset? LastPolledAt,
    string? PollOutcome,
    string? PollError);
