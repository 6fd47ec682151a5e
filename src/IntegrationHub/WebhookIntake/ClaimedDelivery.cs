namespace IntegrationHub.WebhookIntake;

/// <summary>
/// A delivery a worker has leased. <see cref="Attempt"/> is the fencing token: a worker whose lease ran out and was
/// taken over finds the attempt count moved on and leaves the delivery alone. <see cref="Traceparent"/>: the trace context
/// stored when it arrived, which its processing continues.
/// </summary>
internal sealed record ClaimedDelivery(long Id, Guid TenantId, Guid HookId, Guid ConnectionId, Guid? RepositoryId, string Provider,
    string? EventName, DateTimeOffset ReceivedAt, int Attempt, string? Traceparent = null);
