using System.Diagnostics.Metrics;

namespace IntegrationHub.Telemetry;

/// <summary>
/// The hub's own instruments, on one <see cref="Meter"/> named <see cref="MeterName"/> that every host exports (Prometheus
/// scrape and OTLP, <see cref="TelemetrySetup"/>). Features record into these; this folder uses no feature.
/// Tags are few and bounded: a provider slug (five), a rejection reason, an operation or an outcome (constants), a state of
/// a table's CHECK constraint. Never a tenant, hook, URL, secret or body: their cardinality grows with customers and some
/// of them are theirs to name. One exception, bounded by count: <see cref="ConnectionRateLimitRemaining"/> names the
/// connection (an opaque id) of the few lowest budgets.
/// Names follow OpenTelemetry's conventions (dotted, lower case, unit apart); Prometheus shows <c>ihub.deliveries.received</c>
/// as <c>ihub_deliveries_received_total</c>.
/// </summary>
public static class HubMetrics
{
    public const string MeterName = "IntegrationHub";

    public const string ProviderTag = "provider";
    public const string ReasonTag = "reason";
    public const string OutcomeTag = "outcome";
    public const string StateTag = "state";
    public const string OperationTag = "operation";

    /// <summary>The one unbounded tag, on <see cref="ConnectionRateLimitRemaining"/> only, for at most <see cref="HubStateQuery.LowestConnections"/> series.</summary>
    public const string ConnectionTag = "connection";

    private static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Requests to the webhook ingress for a known provider, whatever became of them.</summary>
    public static readonly Counter<long> DeliveriesReceived = Meter.CreateCounter<long>(
        "ihub.deliveries.received", "{delivery}", "Webhook deliveries received by the ingress, by provider");

    /// <summary>Deliveries whose signature or token checked out.</summary>
    public static readonly Counter<long> DeliveriesVerified = Meter.CreateCounter<long>(
        "ihub.deliveries.verified", "{delivery}", "Webhook deliveries that passed verification, by provider");

    /// <summary>Deliveries refused, by provider and reason (the delivery log's reasons: unknown_hook, bad_signature, ...).</summary>
    public static readonly Counter<long> DeliveriesRejected = Meter.CreateCounter<long>(
        "ihub.deliveries.rejected", "{delivery}", "Webhook deliveries rejected, by provider and reason");

    /// <summary>Deliveries committed to the inbox and acknowledged (202); duplicates (200) are not counted again.</summary>
    public static readonly Counter<long> DeliveriesStored = Meter.CreateCounter<long>(
        "ihub.deliveries.stored", "{delivery}", "Webhook deliveries committed to the inbox and acknowledged, by provider");

    /// <summary>From the request reaching the ingress to its acknowledgement (stored or duplicate): what a provider's timeout sees.</summary>
    public static readonly Histogram<double> AcknowledgementDuration = Meter.CreateHistogram(
        "ihub.deliveries.ack.duration", "s", "Time from a delivery's arrival to its acknowledgement, by provider",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    /// <summary>Processing attempts that failed (retried later, or given up: outcome retry or failed).</summary>
    public static readonly Counter<long> ProcessingFailures = Meter.CreateCounter<long>(
        "ihub.deliveries.processing.failures", "{attempt}", "Delivery processing attempts that failed, by provider and outcome (retry, failed)");

    /// <summary>How late each repository's poll started against its due time: the poll cycle's lag, by provider.</summary>
    public static readonly Histogram<double> PollLag = Meter.CreateHistogram(
        "ihub.poll.lag", "s", "How long after it was due each repository's poll started, by provider",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });

    /// <summary>Repositories polled, by provider and outcome (<c>PollOutcomes</c>: ok, partial, rate_limited, deferred, unauthorized, ...).</summary>
    public static readonly Counter<long> RepositoriesPolled = Meter.CreateCounter<long>(
        "ihub.poll.repositories", "{repository}", "Repositories polled, by provider and outcome");

    /// <summary>Outbound webhook attempts, by outcome (delivered: a 2xx; failed: any other answer or none).</summary>
    public static readonly Counter<long> OutboundAttempts = Meter.CreateCounter<long>(
        "ihub.outbound.attempts", "{attempt}", "Outbound webhook delivery attempts, by outcome (delivered, failed)");

    /// <summary>
    /// Calls to providers (every one, from <c>ProviderCallMeter</c> on the providers' HTTP clients), by provider, operation
    /// (discovery, hooks, poll, probe, actions, token, connect, other) and outcome (ok, not_modified, rate_limited,
    /// client_error, server_error, network_error).
    /// </summary>
    public static readonly Counter<long> ProviderCalls = Meter.CreateCounter<long>(
        "ihub.provider.calls", "{call}", "Calls to providers' APIs, by provider, operation and outcome");

    /// <summary>Each provider call's time to its answer's headers, with the same tags.</summary>
    public static readonly Histogram<double> ProviderCallDuration = Meter.CreateHistogram(
        "ihub.provider.call.duration", "s", "Time from sending a call to a provider to its answer's headers, by provider, operation and outcome",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    /// <summary>Token refreshes that failed, by provider and outcome (needs_reauthorization: the provider refused the grant; error).</summary>
    public static readonly Counter<long> TokenRefreshFailures = Meter.CreateCounter<long>(
        "ihub.tokens.refresh.failures", "{refresh}", "OAuth token refreshes that failed, by provider and outcome");

    /// <summary>Repositories more than one poll interval past their due time, per provider (read from PostgreSQL).</summary>
    public static readonly ObservableGauge<long> PollOverdue = Meter.CreateObservableGauge(
        "ihub.poll.overdue", HubStateReader.PollOverdue, "{repository}", "Repositories more than one poll interval overdue, by provider");

    /// <summary>
    /// The lowest rate-limit budget left among a provider's active connections (as last answered, window not yet reset).
    /// Per provider, to alert on; <see cref="ConnectionRateLimitRemaining"/> says which connections are low.
    /// </summary>
    public static readonly ObservableGauge<long> RateLimitRemaining = Meter.CreateObservableGauge(
        "ihub.provider.rate_limit.remaining", HubStateReader.RateLimitRemaining, "{request}",
        "Lowest rate-limit budget remaining among the provider's active connections");

    /// <summary>
    /// Rate-limit budget left per connection, for the <see cref="HubStateQuery.LowestConnections"/> active connections
    /// with the least (window not yet reset), tagged provider and connection id: the "per connection" without a
    /// series per customer. A connection that recovers drops out and its series goes stale; alert on
    /// <see cref="RateLimitRemaining"/> (per provider) and read this to see which connection.
    /// </summary>
    public static readonly ObservableGauge<long> ConnectionRateLimitRemaining = Meter.CreateObservableGauge(
        "ihub.connection.rate_limit.remaining", HubStateReader.ConnectionRateLimitRemaining, "{request}",
        "Rate-limit budget remaining of the connections with the least left (the lowest few), by provider and connection");

    /// <summary>Connections paused by a limit the provider enforced (429, secondary 403, Retry-After), per provider.</summary>
    public static readonly ObservableGauge<long> RateLimited = Meter.CreateObservableGauge(
        "ihub.provider.rate_limited", HubStateReader.RateLimited, "{connection}", "Connections paused by the provider's rate limit, by provider");

    /// <summary>Enabled outbound endpoints whose deliveries are failing now (a failure run is open).</summary>
    public static readonly ObservableGauge<long> OutboundFailingEndpoints = Meter.CreateObservableGauge(
        "ihub.outbound.failing_endpoints", HubStateReader.FailingEndpoints, "{subscription}", "Outbound webhook endpoints in a failure run");

    /// <summary>The longest open failure run among endpoints (they are disabled at Hub:Outbound:DisableAfterHours).</summary>
    public static readonly ObservableGauge<double> OutboundLongestFailureStreak = Meter.CreateObservableGauge(
        "ihub.outbound.failure_streak.longest", HubStateReader.LongestFailureStreak, "s", "Longest current failure run of an outbound webhook endpoint");

    /// <summary>Deliveries in the inbox not yet processed (pending or being processed), read from PostgreSQL (<see cref="HubStateReader"/>).</summary>
    public static readonly ObservableGauge<long> InboxDepth = Meter.CreateObservableGauge(
        "ihub.inbox.depth", HubStateReader.InboxDepth, "{delivery}", "Deliveries waiting in the inbox (pending or processing)");

    /// <summary>Age of the oldest delivery waiting in the inbox (0 when empty): the processing lag an operator alerts on.</summary>
    public static readonly ObservableGauge<double> InboxOldestAge = Meter.CreateObservableGauge(
        "ihub.inbox.oldest.age", HubStateReader.OldestPendingAge, "s", "Age of the oldest delivery waiting in the inbox");

    /// <summary>Outbound webhook deliveries not yet delivered (pending or being sent).</summary>
    public static readonly ObservableGauge<long> OutboundPending = Meter.CreateObservableGauge(
        "ihub.outbound.pending", HubStateReader.OutboundPending, "{delivery}", "Outbound webhook deliveries pending or being sent");

    /// <summary>
    /// Outbound deliveries given up after their last attempt (about 28 hours of retries) and still held: each is an event
    /// a customer's endpoint never got, replayable from the Webhooks page until its event's retention removes it.
    /// </summary>
    public static readonly ObservableGauge<long> OutboundFailed = Meter.CreateObservableGauge(
        "ihub.outbound.failed", HubStateReader.OutboundFailed, "{delivery}", "Outbound webhook deliveries given up after their last attempt, still held");

    /// <summary>Hooks by state (pending, registered, failed, disabled, removing, removed).</summary>
    public static readonly ObservableGauge<long> HooksByState = Meter.CreateObservableGauge(
        "ihub.hooks", HubStateReader.HooksByState, "{hook}", "Provider webhooks by state");
}
