namespace IntegrationHub.Events;

/// <summary>Where normalized events belong in the hub: the tenant, connection and repository row they are stored under.</summary>
public sealed record EventTarget(Guid TenantId, Guid ConnectionId, Guid RepositoryId, Guid? HookId);
