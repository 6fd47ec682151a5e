namespace IntegrationHub.Providers.Events;

/// <summary>
/// One real-world event in a repository, the same shape for every provider and for webhooks and polling alike.
/// Downstream products read these; the hub stores them keyed by <see cref="NaturalKey"/>.
/// </summary>
public sealed record NormalizedEvent
{
    /// <summary>The provider the event came from.</summary>
    public required ProviderKind Provider { get; init; }

    /// <summary>What happened.</summary>
    public required EventKind Kind { get; init; }

    /// <summary>
    /// Identifies the real-world event identically whether it arrived by webhook or by polling, so the two dedupe.
    /// Built only by <see cref="NaturalKeys"/>; see there for the scheme.
    /// </summary>
    public required string NaturalKey { get; init; }

    /// <summary>The repository it happened in.</summary>
    public required EventRepository Repository { get; init; }

    /// <summary>Who did it, when the payload says.</summary>
    public EventActor? Actor { get; init; }

    /// <summary>The web page of the thing itself (the pull request, comment, pipeline, commit or compare view).</summary>
    public string? HtmlUrl { get; init; }

    /// <summary>
    /// When it happened according to the provider; when the payload carries no such time (GitHub <c>create</c>,
    /// GitLab and Bitbucket Cloud pushes), the time the hub received the delivery.
    /// </summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Whether the hub learned of it from a webhook or from polling.</summary>
    public EventSource Source { get; init; } = EventSource.Webhook;

    /// <summary>
    /// The handles @mentioned in the comment text, or in the description of a pull request or issue when it is opened:
    /// distinct, in order of first appearance, without the <c>@</c>. See <see cref="MentionParser"/>.
    /// </summary>
    public IReadOnlyList<string> Mentions { get; init; } = [];

    /// <summary>The particulars: ref and shas, number and title, pipeline, status, comment.</summary>
    public EventDetails Details { get; init; } = new();
}
