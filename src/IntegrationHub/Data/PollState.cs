namespace IntegrationHub.Data;

public sealed class PollState : ITenantOwned
{
    public Guid RepositoryId { get; set; }
    public Guid TenantId { get; set; }
    public Guid ConnectionId { get; set; }
    public DateTimeOffset NextPollAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LeasedBy { get; set; }
    public DateTimeOffset? LastPolledAt { get; set; }
    public string? LastOutcome { get; set; }
    public string? LastError { get; set; }
    public int? LastDurationMs { get; set; }
    public int ConsecutiveFailures { get; set; }
    public long RecoveredEvents { get; set; }
    public int CallsLastCycle { get; set; }
}
