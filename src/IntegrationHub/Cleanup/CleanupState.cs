namespace IntegrationHub.Cleanup;

/// <summary>
/// Where a disconnect or revoke stands, as the live progress shows it: the row's clean-up status, error and notes, a
/// rate-limit pause, and how many of the hub's webhooks a worker has still to remove.
/// </summary>
public sealed record CleanupState(Guid ConnectionId, Guid TenantId, string Status, string? CleanupStatus, string? CleanupError,
    string? CleanupNotes, DateTimeOffset? RateLimitedUntil, int HooksRemaining);
