namespace IntegrationHub.WebhookIntake;

/// <summary>The delivery log's head: the hook, its repository, the rejections by reason and the stored deliveries by status.</summary>
public sealed record DeliveryLogSummary(
    Guid HookId,
    string Provider,
    string Status,
    string? Repository,
    long Duplicates,
    long Rejected,
    DateTimeOffset? LastDeliveryAt,
    DateTimeOffset? LastPingAt,
    IReadOnlyList<(string Reason, long Count, DateTimeOffset LastAt)> Rejections,
    IReadOnlyDictionary<string, int> ByStatus)
{
    public int Count(string status) => ByStatus.GetValueOrDefault(status);
}
