namespace IntegrationHub.Outbound;

/// <summary>One attempt as the API and the dashboard show it, with its delivery's event, webhook-id and current status.</summary>
public sealed record AttemptView(
    long Id,
    long DeliveryId,
    long EventId,
    string WebhookId,
    DateTimeOffset AttemptedAt,
    int? StatusCode,
    int DurationMs,
    string? Error,
    string? ResponseExcerpt,
    string DeliveryStatus);
