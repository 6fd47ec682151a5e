namespace IntegrationHub.Poll;

/// <summary>Per connection: are webhooks arriving, and is the poll keeping up.</summary>
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
    int? RateLimitRemaining)
{
    public bool DeliveriesArriving(DateTimeOffset now) => LastDeliveryAt is { } at && now - at < TimeSpan.FromHours(1);

    public bool KeepingUp => Overdue == 0;
}
