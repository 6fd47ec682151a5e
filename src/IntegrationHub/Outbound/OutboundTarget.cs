using IntegrationHub.Events;

namespace IntegrationHub.Outbound;

/// <summary>Where and how a delivery is sent: the URL, the signing keys now, and the event (null: no longer stored).</summary>
internal sealed record OutboundTarget(string Url, IReadOnlyList<byte[]> Keys, FeedEvent? Event);
