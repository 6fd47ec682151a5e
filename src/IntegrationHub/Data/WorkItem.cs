namespace IntegrationHub.Data;

/// <summary>One unit of background work, claimed by any worker node with FOR UPDATE SKIP LOCKED under a lease.</summary>
public sealed class WorkItem : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid? ConnectionId { get; set; }
    public required string Kind { get; set; }
    public Guid? SubjectId { get; set; }
    public string? Payload { get; set; }
    public string Status { get; set; } = "pending";
    public int Attempts { get; set; }
    public DateTimeOffset NotBefore { get; set; }
    public string? LeasedBy { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
