namespace IntegrationHub.Jobs;

/// <summary>
/// Hangfire queues, one per kind of work, each served by its own workers (<see cref="JobsOptions"/>): a long discovery
/// of a large connection can never hold back hook registration, and neither holds back the recurring sweeps.
/// </summary>
public static class JobQueues
{
    /// <summary>Connection-level walks: discovery, hook reconciliation.</summary>
    public const string Discovery = "discovery";

    /// <summary>Registering and removing hooks in batches, removal on disconnect, secret rotation.</summary>
    public const string Hooks = "hooks";

    /// <summary>Recurring sweeps; Hangfire's own name for the queue of jobs that name none.</summary>
    public const string Default = "default";
}
