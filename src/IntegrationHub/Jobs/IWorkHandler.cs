namespace IntegrationHub.Jobs;

/// <summary>Handles one claimed work item of a kind (registered as a keyed scoped service under the kind). Must be idempotent.</summary>
internal interface IWorkHandler
{
    Task<WorkResult> HandleAsync(ClaimedWork item, CancellationToken ct);

    /// <summary>
    /// Called (on a fresh instance, in a scope of its own) when <see cref="HandleAsync"/> threw something it did not handle
    /// (a token that cannot be decrypted, a database error), so the state a person sees is not left "running" or "pending"
    /// forever. <paramref name="givingUp"/>: no further attempt will be made.
    /// </summary>
    Task NoteUnhandledAsync(ClaimedWork item, string reason, bool givingUp, CancellationToken ct) => Task.CompletedTask;
}
