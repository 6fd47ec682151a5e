namespace IntegrationHub.Data;

/// <summary>All that a rejected delivery leaves behind: a count per hook (Guid.Empty when unknown) and reason.</summary>
public sealed class DeliveryRejection
{
    public required string Provider { get; set; }
    public Guid HookId { get; set; }
    public required string Reason { get; set; }
    public long Count { get; set; }
    public DateTimeOffset LastAt { get; set; }
}
