namespace IntegrationHub.Connect;

/// <summary>What a valid <c>state</c> says: which flow, for which tenant and user, and the correlation cookie's hash.</summary>
public sealed record StatePayload(Guid FlowId, Guid TenantId, Guid UserId, string CorrelationHash);
