namespace IntegrationHub.WebhookIntake;

/// <summary>A delivery that passed verification, on its way into the inbox (see <see cref="GroupCommit"/>).</summary>
internal sealed record VerifiedDelivery(
    IngressHook Hook,
    string DeliveryId,
    string? EventName,
    bool IsPing,
    string HeadersJson,
    byte[] Body,
    DateTimeOffset ReceivedAt);
