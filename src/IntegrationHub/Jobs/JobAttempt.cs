namespace IntegrationHub.Jobs;

/// <summary>
/// Which performing of the running job this is, out of how many (set by <see cref="JobOutcomeFilter"/> as the job
/// starts, flowing into the job's method): a job decides from it whether a transient provider failure is thrown to be
/// retried or, at its last attempt, recorded as the feature's final state. <paramref name="JobId"/> is the Hangfire job
/// (the same for every retry of it; null outside a job), so a job can tell its own finished work from another's.
/// </summary>
public sealed record JobAttempt(int Number, int MaxAttempts, string? JobId = null)
{
    private static readonly AsyncLocal<JobAttempt?> Ambient = new();

    /// <summary>The running job's attempt; outside a Hangfire job, a single attempt.</summary>
    public static JobAttempt Current => Ambient.Value ?? new JobAttempt(1, 1);

    /// <summary>A failure now is retried.</summary>
    public bool HasMore => Number < MaxAttempts;

    internal static void Set(JobAttempt? attempt) => Ambient.Value = attempt;
}
