namespace IntegrationHub.Telemetry;

/// <summary>
/// One provider's line of the state gauges: repositories overdue for their poll, the lowest rate-limit budget any of its
/// connections reported (null: none reported one), and connections paused by a limit the provider enforced.
/// </summary>
internal sealed record HubProviderState(string Provider, long PollOverdue, long? RateLimitRemainingMin, long RateLimited);
