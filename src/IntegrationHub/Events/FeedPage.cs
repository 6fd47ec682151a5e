namespace IntegrationHub.Events;

/// <summary>One read of the feed: the events in order and where the next read starts (the cursor it was given when empty).</summary>
public sealed record FeedPage(IReadOnlyList<FeedEvent> Events, EventCursor Next);
