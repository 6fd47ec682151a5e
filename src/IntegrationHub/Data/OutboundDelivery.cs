namespace IntegrationHub.Data;

/// <summary>One event to send to one subscription, however many attempts and replays it takes.</summary>
public sealed class OutboundDelivery : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid SubscriptionId { get; set; }
    public long EventId { get; set; }

    /// <summary>The webhook-id header: stable across retries and replays, so a receiver can deduplicate.</summary>
    public required string MessageId { get; set; }

    public required string Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public Guid? LeaseToken { get; set; }
    public int? LastStatus { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
