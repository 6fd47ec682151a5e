namespace IntegrationHub.Connect;

/// <summary>GET /api/v1/connections: a tenant has few connections, so one unpaged list (in the API's {"data":[...]} shape).</summary>
public sealed record ConnectionList(IReadOnlyList<ConnectionJson> Data);
