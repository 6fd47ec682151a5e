namespace IntegrationHub.WebhookIntake;

/// <summary>
/// A delivery that passed verification, on its way into the inbox (see <see cref="GroupCommit"/>). <see cref="Traceparent"/>:
/// its request's trace context when the hub traces, so that processing continues the trace (null when not tracing).
/// </summary>
internal sealed record VerifiedDelivery(
    IngressHook Hook,
    string DeliveryId,
    string? EventName,
    bool IsPing,
    string HeadersJson,
    byte[] Body,
    DateTimeOffset ReceivedAt,
    string? Traceparent);
