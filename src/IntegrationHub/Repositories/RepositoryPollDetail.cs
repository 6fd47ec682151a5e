namespace IntegrationHub.Repositories;

/// <summary>A repository's poll row (null on the page when it has none yet) and its per-stream cursors.</summary>
public sealed record RepositoryPollDetail(
    DateTimeOffset? LastPolledAt,
    DateTimeOffset NextPollAt,
    string? LastOutcome,
    string? LastError,
    int ConsecutiveFailures,
    int? LastDurationMs,
    long RecoveredEvents,
    int CallsLastCycle,
    IReadOnlyList<RepositoryPollStream> Streams);
