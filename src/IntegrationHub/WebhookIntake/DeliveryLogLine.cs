namespace IntegrationHub.WebhookIntake;

/// <summary>One stored delivery as the delivery log lists it (never its headers or body).</summary>
public sealed record DeliveryLogLine(long Id, string DeliveryId, string? EventName, bool IsPing, DateTimeOffset ReceivedAt, string Status,
    int Attempts, int EventCount, string? LastError)
{
    /// <summary>A ping carries no event, and a delivery being processed is left to its lease.</summary>
    public bool CanRedeliver => !IsPing && Status != "processing";
}
