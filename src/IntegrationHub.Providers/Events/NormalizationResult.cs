namespace IntegrationHub.Providers.Events;

/// <summary>The events a delivery yields, or why it yields none.</summary>
public sealed record NormalizationResult
{
    private NormalizationResult(NormalizationStatus status, IReadOnlyList<NormalizedEvent> events, string? reason)
    {
        Status = status;
        Events = events;
        Reason = reason;
    }

    /// <summary>Normalized, ignored or invalid.</summary>
    public NormalizationStatus Status { get; }

    /// <summary>The events, in the order they happened; empty unless <see cref="Status"/> is Normalized.</summary>
    public IReadOnlyList<NormalizedEvent> Events { get; }

    /// <summary>Why nothing came out (ignored) or what is wrong with the body (invalid). Never contains the body.</summary>
    public string? Reason { get; }

    /// <summary>A delivery that yielded events.</summary>
    public static NormalizationResult Of(IReadOnlyList<NormalizedEvent> events) =>
        events.Count == 0
            ? Ignore("the delivery describes no change the hub tracks")
            : new(NormalizationStatus.Normalized, events, null);

    /// <summary>A well-formed delivery the hub does not track.</summary>
    public static NormalizationResult Ignore(string reason) => new(NormalizationStatus.Ignored, [], reason);

    /// <summary>A body that cannot be read.</summary>
    public static NormalizationResult Invalid(string reason) => new(NormalizationStatus.Invalid, [], reason);
}
