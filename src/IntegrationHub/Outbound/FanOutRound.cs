namespace IntegrationHub.Outbound;

/// <summary>What one fan-out round did: subscriptions claimed, events read, deliveries inserted.</summary>
public sealed record FanOutRound(int Subscriptions, int EventsRead, int DeliveriesQueued);
