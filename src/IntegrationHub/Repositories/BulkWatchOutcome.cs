namespace IntegrationHub.Repositories;

/// <summary>What a bulk watch did: how many repositories changed (those already so are left alone) and the notice to show.</summary>
public sealed record BulkWatchOutcome(Guid ConnectionId, int Changed, string Notice);
