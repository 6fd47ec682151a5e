using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.Poll;

/// <summary>
/// What one poll found. <see cref="Cursors"/> lists only the streams that finished: store them in the same transaction as
/// <see cref="Events"/>, and never before. <see cref="Failure"/> is set when a stream failed part-way; the streams before
/// it still count, the failed one and those after it keep their old cursors and are read again next time.
/// </summary>
public sealed record PollReadResult
{
    public required IReadOnlyList<NormalizedEvent> Events { get; init; }
    public required IReadOnlyDictionary<string, PollStreamCursor> Cursors { get; init; }

    /// <summary>Requests sent, 304 answers included.</summary>
    public int Calls { get; init; }

    /// <summary>Answers that were 304 Not Modified.</summary>
    public int NotModified { get; init; }

    /// <summary>Failed deliveries the reader asked the provider to send again (GitHub).</summary>
    public int Redeliveries { get; init; }

    public RateLimitSnapshot? RateLimit { get; init; }
    public ProviderApiException? Failure { get; init; }
}
