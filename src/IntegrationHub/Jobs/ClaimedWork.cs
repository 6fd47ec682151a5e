namespace IntegrationHub.Jobs;

public sealed record ClaimedWork(long Id, Guid TenantId, Guid? ConnectionId, string Kind, Guid? SubjectId, string? Payload, int Attempts);
