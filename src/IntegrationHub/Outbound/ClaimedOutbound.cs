namespace IntegrationHub.Outbound;

/// <summary>
/// A delivery one sender holds: <see cref="LeaseToken"/> names this claim, and its outcome is written only while the
/// row still carries that token (a node whose lease ran out finds it taken over and writes nothing).
/// </summary>
public sealed record ClaimedOutbound(long Id, Guid TenantId, Guid SubscriptionId, long EventId, string MessageId, int Attempts, Guid LeaseToken);
