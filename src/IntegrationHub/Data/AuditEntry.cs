namespace IntegrationHub.Data;

/// <summary>
/// Who did what, when, to which tenant. Not filtered like tenant-owned rows because platform-level entries have no
/// tenant; tenant pages read it through <see cref="AuditLog.ForCurrentTenant"/>, admin pages read all of it.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public Guid? TenantId { get; set; }
    public Guid? ActorUserId { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? Target { get; set; }
    public string? Detail { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}
