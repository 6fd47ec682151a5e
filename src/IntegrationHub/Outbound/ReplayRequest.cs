namespace IntegrationHub.Outbound;

/// <summary>POST /api/v1/subscriptions/{id}/replay: one delivery by id, or every matching event since a time.</summary>
public sealed record ReplayRequest(long? DeliveryId, DateTimeOffset? Since);
