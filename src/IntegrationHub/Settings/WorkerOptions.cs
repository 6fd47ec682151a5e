namespace IntegrationHub.Settings;

public sealed class WorkerOptions
{
    /// <summary>Host the worker inside the web process (the single-machine default). A separate worker host ignores it.</summary>
    public bool Enabled { get; set; }

    /// <summary>Name of this node in heartbeats and logs; defaults to the machine name and process id.</summary>
    public string? NodeId { get; set; }

    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>A worker whose last heartbeat is older than this many heartbeats is reported unhealthy.</summary>
    public int StaleAfterBeats { get; set; } = 4;

    /// <summary>How long since its last heartbeat a worker node still counts as running.</summary>
    public TimeSpan StaleAfter => TimeSpan.FromSeconds(HeartbeatSeconds * StaleAfterBeats);
}
