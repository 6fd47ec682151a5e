namespace IntegrationHub.Providers.Events;

/// <summary>What all events of one delivery share; normalizers stamp events out of it.</summary>
internal sealed record EventContext(ProviderKind Provider, EventRepository Repository, EventActor? Actor, DateTimeOffset OccurredAt)
{
    public string RepoId => Repository.ExternalId;

    /// <summary>
    /// This context crediting <paramref name="actor"/> when it names no actor of its own: the author of an opening or a
    /// comment is its actor when the delivery (or the polled item) names nobody else.
    /// </summary>
    public EventContext OrCredit(EventActor? actor) => Actor is null ? this with { Actor = actor } : this;

    public NormalizedEvent Create(
        EventKind kind,
        string naturalKey,
        EventDetails details,
        string? htmlUrl,
        IReadOnlyList<string>? mentions = null,
        DateTimeOffset? occurredAt = null) =>
        new()
        {
            Provider = Provider,
            Kind = kind,
            NaturalKey = naturalKey,
            Repository = Repository,
            Actor = Actor,
            HtmlUrl = htmlUrl,
            OccurredAt = occurredAt ?? OccurredAt,
            Source = EventSource.Webhook,
            Mentions = mentions ?? [],
            Details = details,
        };
}
