namespace IntegrationHub.Repositories;

/// <summary>One repository with its live hook (if any), for the Repositories page.</summary>
public sealed record RepositoryRow(Guid Id, string FullPath, string Visibility, bool Archived, string Status, bool Watched,
    DateTimeOffset LastSeenAt, Guid? HookId, string? HookStatus, string? HookError, DateTimeOffset? LastDeliveryAt,
    DateTimeOffset? PreviousSecretExpiresAt);
