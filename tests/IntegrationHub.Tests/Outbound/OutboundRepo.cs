namespace IntegrationHub.Tests.Outbound;

/// <summary>A repository row of a tenant (with its connection), that events are stored for.</summary>
internal sealed record OutboundRepo(Guid TenantId, Guid ConnectionId, Guid RepositoryId);
