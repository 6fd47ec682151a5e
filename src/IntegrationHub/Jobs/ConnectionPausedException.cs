namespace IntegrationHub.Jobs;

/// <summary>
/// The connection's token is refused by its provider until <see cref="JobPostponedException.Until"/> (429, a secondary
/// 403, Retry-After; recorded in connections.rate_limited_until): the job waits for the pause's end without calling the
/// provider and without counting an attempt.
/// </summary>
public sealed class ConnectionPausedException(Guid connectionId, DateTimeOffset until)
    : JobPostponedException(until, $"connection paused by the provider's rate limit until {until:u}")
{
    public Guid ConnectionId { get; } = connectionId;
}
