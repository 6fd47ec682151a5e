namespace IntegrationHub.Outbound;

/// <summary>How many deliveries a replay queued.</summary>
public sealed record ReplayQueued(int Queued);
