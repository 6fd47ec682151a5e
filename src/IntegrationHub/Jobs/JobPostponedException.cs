namespace IntegrationHub.Jobs;

/// <summary>
/// Thrown by a job that must wait and has not failed (the provider asked us to, the repository is busy on another node):
/// <see cref="JobOutcomeFilter"/> schedules the job for <see cref="Until"/> and counts no attempt.
/// </summary>
public class JobPostponedException(DateTimeOffset until, string reason) : Exception(reason)
{
    public DateTimeOffset Until { get; } = until;
}
