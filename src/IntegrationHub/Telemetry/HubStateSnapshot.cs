namespace IntegrationHub.Telemetry;

/// <summary>What the state gauges report, read from PostgreSQL in one round trip by <see cref="HubStateQuery"/>.</summary>
internal sealed record HubStateSnapshot(
    long InboxPending,
    DateTimeOffset? OldestPendingReceivedAt,
    long OutboundPending,
    long OutboundFailed,
    long FailingEndpoints,
    DateTimeOffset? LongestFailingSince,
    IReadOnlyList<(string State, long Count)> HooksByState,
    IReadOnlyList<HubProviderState> Providers,
    IReadOnlyList<HubConnectionBudget> LowestBudgets)
{
    public static readonly HubStateSnapshot Empty = new(0, null, 0, 0, 0, null, [], [], []);
}
