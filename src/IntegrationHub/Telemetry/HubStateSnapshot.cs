namespace IntegrationHub.Telemetry;

/// <summary>What the state gauges report, read from PostgreSQL in one round trip by <see cref="HubStateReader"/>.</summary>
internal sealed record HubStateSnapshot(
    long InboxPending,
    DateTimeOffset? OldestPendingReceivedAt,
    long OutboundPending,
    IReadOnlyList<(string State, long Count)> HooksByState)
{
    public static readonly HubStateSnapshot Empty = new(0, null, 0, []);
}
