namespace IntegrationHub.Data;

/// <summary>A normalized event as stored: one row per real-world event per repository, whoever saw it first.</summary>
public sealed class StoredEvent : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid ConnectionId { get; set; }
    public Guid RepositoryId { get; set; }
    public required string Provider { get; set; }
    public required string Kind { get; set; }
    public required string NaturalKey { get; set; }
    public required string Source { get; set; }
    public long? DeliveryId { get; set; }
    public string? ActorLogin { get; set; }
    public string? ActorName { get; set; }
    public string? HtmlUrl { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public List<string> Mentions { get; set; } = [];
    public required string Payload { get; set; }
}
