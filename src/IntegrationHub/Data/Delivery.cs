namespace IntegrationHub.Data;

/// <summary>A verified delivery, committed before the provider got its 2xx, processed later off the request path.</summary>
public sealed class Delivery : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid HookId { get; set; }
    public Guid ConnectionId { get; set; }
    public Guid? RepositoryId { get; set; }
    public required string Provider { get; set; }
    public required string DeliveryId { get; set; }
    public string? EventName { get; set; }
    public bool IsPing { get; set; }
    public required string Headers { get; set; }
    public required byte[] Body { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string Status { get; set; } = "pending";
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public int EventCount { get; set; }
}
