namespace IntegrationHub.Connect;

/// <summary>What a valid <c>state</c> says: which flow, for which tenant and user, the correlation cookie's hash, and
/// the watch mode chosen at the start (null: keep the stored connection's).</summary>
public sealed record StatePayload(Guid FlowId, Guid TenantId, Guid UserId, string CorrelationHash, string? WatchMode);
