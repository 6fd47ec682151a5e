using IntegrationHub.Data;

namespace IntegrationHub.Repositories;

/// <summary>
/// Per connection: are webhooks arriving, and is the poll keeping up (never polled without a token: webhook-only; nor in
/// sync mode "webhooks"; no webhooks in sync mode "poll").
/// </summary>
public sealed record PollConnectionHealth(
    Guid ConnectionId,
    string DisplayName,
    string Provider,
    int Repositories,
    DateTimeOffset? LastDeliveryAt,
    long RecoveredByPoll,
    int Overdue,
    int Failing,
    DateTimeOffset? LastPolledAt,
    int? RateLimitRemaining,
    bool HasToken = true,
    string SyncMode = SyncModes.Hybrid)
{
    public bool DeliveriesArriving(DateTimeOffset now) => LastDeliveryAt is { } at && now - at < TimeSpan.FromHours(1);

    public bool KeepingUp => Overdue == 0;
}
