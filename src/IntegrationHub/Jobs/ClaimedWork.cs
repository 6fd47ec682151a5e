namespace IntegrationHub.Jobs;

/// <summary>
/// One claimed item. <see cref="LeasedBy"/> and <see cref="Attempts"/> together identify this claim: once the lease has
/// run out and another claim took the item (which raises attempts), this claim's outcome no longer applies.
/// </summary>
public sealed record ClaimedWork(long Id, Guid TenantId, Guid? ConnectionId, string Kind, Guid? SubjectId, string? Payload, int Attempts,
    string LeasedBy);
