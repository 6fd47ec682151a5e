namespace IntegrationHub.Telemetry;

/// <summary>
/// One of the connections with the least rate-limit budget left (as last answered, window not yet reset): its id (an
/// opaque UUID, never a name a tenant chose), its provider's slug and the calls remaining.
/// </summary>
internal sealed record HubConnectionBudget(string ConnectionId, string Provider, long Remaining);
