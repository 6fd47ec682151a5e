using System.Text.Json.Nodes;

namespace IntegrationHub.Events;

/// <summary>
/// One stored event as the API and outbound webhooks show it. <see cref="Json"/> is the stored normalized event
/// (provider, kind, naturalKey, repository, actor, htmlUrl, occurredAt, source, mentions, details) with the hub's
/// "id", "repositoryId", "connectionId" and "recordedAt" added; it is a fresh object per read, safe to embed.
/// </summary>
public sealed record FeedEvent(
    long Id,
    EventCursor Cursor,
    string Kind,
    Guid RepositoryId,
    Guid ConnectionId,
    IReadOnlyList<string> Mentions,
    DateTimeOffset RecordedAt,
    JsonObject Json);
