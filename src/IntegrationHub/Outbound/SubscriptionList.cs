namespace IntegrationHub.Outbound;

/// <summary>GET /api/v1/subscriptions: all of the tenant's subscriptions (a tenant has at most a few dozen).</summary>
public sealed record SubscriptionList(IReadOnlyList<SubscriptionJson> Data);
