namespace IntegrationHub.Jobs;

/// <summary>
/// Implemented by a job whose feature shows its state to people (discovery progress, a hook's status): told by
/// <see cref="JobOutcomeFilter"/> when a performing failed with something the job did not handle (a token that cannot be
/// decrypted, a database error, its node lost), so that state never stays "running" or "pending" for ever.
/// <paramref name="arguments"/> are the job's own; <paramref name="givingUp"/>: no further attempt will be made.
/// </summary>
public interface IJobFailureNote
{
    Task NoteFailureAsync(IReadOnlyList<object?> arguments, string reason, bool givingUp, CancellationToken ct);
}
