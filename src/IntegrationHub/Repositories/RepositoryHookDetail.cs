namespace IntegrationHub.Repositories;

/// <summary>The live hook of a repository, with its counters and where a secret rotation stands (<see cref="SecretRotationStates"/>).</summary>
public sealed record RepositoryHookDetail(
    Guid Id,
    string Status,
    string? LastError,
    DateTimeOffset? RegisteredAt,
    DateTimeOffset? LastDeliveryAt,
    DateTimeOffset? LastPingAt,
    long Accepted,
    long Duplicates,
    long Rejected,
    long RecoveredByPoll,
    string SecretRotation,
    DateTimeOffset? PreviousSecretExpiresAt);
