namespace IntegrationHub.Providers.Events;

/// <summary>Turns one provider's webhook delivery into normalized events. Pure: no I/O, never throws on bad input.</summary>
public interface IEventNormalizer
{
    /// <summary>The provider whose payloads this reads.</summary>
    ProviderKind Provider { get; }

    /// <summary>Normalizes a delivery.</summary>
    /// <param name="eventName">
    /// The event header (<c>X-GitHub-Event</c>, <c>X-Gitlab-Event</c>, <c>X-Event-Key</c>); may be null or empty where
    /// the body names the event itself (GitLab <c>object_kind</c>, Bitbucket Data Center <c>eventKey</c>, Azure <c>eventType</c>).
    /// </param>
    /// <param name="body">The raw body.</param>
    /// <param name="receivedAt">When the hub received it: the occurred-at of events whose payload carries no time.</param>
    NormalizationResult Normalize(string? eventName, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt);
}
