namespace IntegrationHub.Jobs;

/// <summary>
/// The answer to renewing a claim as its handling starts: whether this claim still holds the item, and until when the
/// item's connection is paused by a provider rate limit (null when it is not).
/// </summary>
public sealed record ClaimRenewal(bool Held, DateTimeOffset? ConnectionPausedUntil);
