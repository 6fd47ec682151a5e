namespace IntegrationHub.Poll;

/// <summary>How a poll ended and when the next one is due. <see cref="Polled"/>: the provider was asked (not deferred).</summary>
internal sealed record PollVerdict(string Outcome, string? Error, DateTimeOffset NextPollAt, bool Polled, bool Failed, int DurationMs);
