namespace IntegrationHub.Actions;

/// <summary>What claiming an Idempotency-Key found, with the stored answer for a replay and the first start for a wait.</summary>
internal sealed record IdempotencyClaim(IdempotencyState State, int? Status = null, string? Body = null, DateTimeOffset? StartedAt = null);
