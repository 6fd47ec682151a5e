namespace IntegrationHub.Repositories;

/// <summary>One repository's poll as the dashboard shows it. <see cref="Lag"/>: how far behind its schedule it is.</summary>
public sealed record PollRepositoryHealth(
    Guid RepositoryId,
    DateTimeOffset? LastPolledAt,
    string? LastOutcome,
    string? LastError,
    TimeSpan Lag,
    long RecoveredEvents,
    int CallsLastCycle);
