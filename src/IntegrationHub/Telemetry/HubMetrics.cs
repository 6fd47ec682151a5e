using System.Diagnostics.Metrics;

namespace IntegrationHub.Telemetry;

/// <summary>
/// The hub's own instruments, on one <see cref="Meter"/> named <see cref="MeterName"/> that every host exports (Prometheus
/// scrape and OTLP, <see cref="TelemetrySetup"/>). Features record into these; this folder uses no feature.
/// Tags are few and bounded: a provider slug (five), a rejection reason or an outcome (constants), a state of a table's
/// CHECK constraint. Never a tenant, connection, hook, URL, secret or body: their cardinality grows with customers and some
/// of them are theirs to name.
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

    /// <summary>Deliveries in the inbox not yet processed (pending or being processed), read from PostgreSQL (<see cref="HubStateReader"/>).</summary>
    public static readonly ObservableGauge<long> InboxDepth = Meter.CreateObservableGauge(
        "ihub.inbox.depth", HubStateReader.InboxDepth, "{delivery}", "Deliveries waiting in the inbox (pending or processing)");

    /// <summary>Age of the oldest delivery waiting in the inbox (0 when empty): the processing lag an operator alerts on.</summary>
    public static readonly ObservableGauge<double> InboxOldestAge = Meter.CreateObservableGauge(
        "ihub.inbox.oldest.age", HubStateReader.OldestPendingAge, "s", "Age of the oldest delivery waiting in the inbox");

    /// <summary>Outbound webhook deliveries not yet delivered (pending or being sent).</summary>
    public static readonly ObservableGauge<long> OutboundPending = Meter.CreateObservableGauge(
        "ihub.outbound.pending", HubStateReader.OutboundPending, "{delivery}", "Outbound webhook deliveries pending or being sent");

    /// <summary>Hooks by state (pending, registered, failed, disabled, removing, removed).</summary>
    public static readonly ObservableGauge<long> HooksByState = Meter.CreateObservableGauge(
        "ihub.hooks", HubStateReader.HooksByState, "{hook}", "Provider webhooks by state");
}
