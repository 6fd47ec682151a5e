namespace IntegrationHub.Jobs;

/// <summary>Settings under "Hub:Jobs" (environment: Hub__Jobs__Name). Listed in the README's Configuration section.</summary>
public sealed class JobsOptions
{
    public const string Section = "Hub:Jobs";

    /// <summary>Hangfire's tables live in this schema of the hub's database; Hangfire creates and upgrades it.</summary>
    public string Schema { get; set; } = "hangfire";

    /// <summary>How often an idle worker looks at its queue: the most a new job waits to be picked up.</summary>
    public double QueuePollSeconds { get; set; } = 1;

    /// <summary>
    /// Hangfire.PostgreSql's LISTEN/NOTIFY, which wakes a worker as a job is enqueued. Off by default: in 1.21.1 every
    /// waiting fetch holds a connection of its own on LISTEN (measured: 237 of 300 connections of a test cluster), and a
    /// one-second poll is quick enough for discovery and hooks.
    /// </summary>
    public bool LongPolling { get; set; }

    /// <summary>
    /// How long a job taken by a node that died (kill -9, power loss) stays invisible before another node takes it. A
    /// living node keeps its jobs (the timeout slides with the server's heartbeat), so this only bounds recovery.
    /// </summary>
    public int InvisibilitySeconds { get; set; } = 60;

    /// <summary>Workers per node for connection-level walks (discovery, hook reconciliation).</summary>
    public int DiscoveryWorkers { get; set; } = 2;

    /// <summary>Workers per node for hook registration, removal and rotation (batches of repositories).</summary>
    public int HookWorkers { get; set; } = 4;

    /// <summary>Workers per node for the recurring sweeps (nightly discovery, reconciliation schedule, retention, token refresh).</summary>
    public int DefaultWorkers { get; set; } = 1;

    /// <summary>
    /// Performings of a job before it is given up: failed attempts (retried after 5 s, 10 s, 20 s … at most 10 minutes)
    /// and nodes lost while running it count alike. A postponement (rate limit, busy repository) counts nothing.
    /// </summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Minutes between token refresh sweeps; tokens expiring within <see cref="TokenRefreshAheadMinutes"/> are refreshed.</summary>
    public int TokenRefreshMinutes { get; set; } = 5;

    public int TokenRefreshAheadMinutes { get; set; } = 15;
}
