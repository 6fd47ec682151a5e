using IntegrationHub.Events;

namespace IntegrationHub.Outbound;

/// <summary>A subscription as the fan-out sees it: its filters and its feed position.</summary>
internal sealed record FanOutSubscription(Guid Id, Guid TenantId, HashSet<string> Kinds, HashSet<Guid> RepositoryIds, EventCursor Cursor)
{
    /// <summary>Empty kinds or repositories match every event.</summary>
    public bool Matches(FeedEvent e) =>
        (Kinds.Count == 0 || Kinds.Contains(e.Kind)) && (RepositoryIds.Count == 0 || RepositoryIds.Contains(e.RepositoryId));
}
