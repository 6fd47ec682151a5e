namespace IntegrationHub.Data;

public sealed class WorkerHeartbeat
{
    public required string NodeId { get; set; }
    public required string InstanceId { get; set; }
    public long Beats { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastBeatAt { get; set; }
}
