namespace IntegrationHub.Repositories;

/// <summary>One stored delivery to a repository's hook, as the delivery log lists it (never its headers or body).</summary>
public sealed record RepositoryDeliveryLine(
    long Id,
    Guid HookId,
    string DeliveryId,
    string? EventName,
    bool IsPing,
    DateTimeOffset ReceivedAt,
    string Status,
    int Attempts,
    int EventCount,
    string? LastError);
