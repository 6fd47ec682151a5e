using System.Diagnostics;

namespace IntegrationHub.Telemetry;

/// <summary>
/// The hub's own spans, on one <see cref="ActivitySource"/> named <see cref="SourceName"/> that the hosts trace when
/// tracing is on (<see cref="TracingSetup"/>): the webhook request's span is ASP.NET Core's, tagged here; "delivery process"
/// continues its trace from the traceparent stored with the inbox row; "poll repository" and "poll probe" hold the
/// provider calls of one repository's poll and of one change probe. Features start and tag spans through this class;
/// this folder uses no feature.
/// Without a listener (tracing off: no OTLP endpoint and no <c>Hub:Telemetry:Tracing:Enabled</c>) <see cref="Source"/>'s
/// <c>StartActivity</c> returns null and <see cref="Recording"/> is null: a span nobody reads costs a null check.
/// Tags are ids and constants only: never a secret, a body, a URL or text a tenant wrote (names, titles).
/// </summary>
public static class HubTracing
{
    public const string SourceName = "IntegrationHub";

    public const string ProviderTag = "ihub.provider";
    public const string TenantTag = "ihub.tenant.id";
    public const string ConnectionTag = "ihub.connection.id";
    public const string HookTag = "ihub.hook.id";
    public const string RepositoryTag = "ihub.repository.id";

    /// <summary>The provider's delivery id (its <c>X-GitHub-Delivery</c>, <c>Idempotency-Key</c>, ...), or <c>sha256:</c> of the body.</summary>
    public const string DeliveryTag = "ihub.delivery.id";

    /// <summary>The inbox row's id: the <c>DeliveryId</c> of the JSON log lines and of the Activity page.</summary>
    public const string InboxTag = "ihub.inbox.id";

    public const string AttemptTag = "ihub.attempt";

    /// <summary>What became of the work: stored, duplicate or a rejection reason (ingress); processed, ignored, retry, failed; a poll outcome.</summary>
    public const string OutcomeTag = "ihub.outcome";

    public const string EventIdTag = "ihub.event.id";
    public const string EventKindTag = "ihub.event.kind";
    public const string RepositoriesTag = "ihub.repositories";

    public static readonly ActivitySource Source = new(SourceName, "1.0");

    /// <summary>
    /// The current span when it is being recorded for the hub's tracing, else null. Not merely <c>Activity.Current</c>:
    /// ASP.NET Core starts an unrecorded Activity for every request so its log lines carry a trace id, and tagging that
    /// one would cost the ingress allocations for nothing.
    /// </summary>
    public static Activity? Recording => Source.HasListeners() && Activity.Current is { Recorded: true, IsAllDataRequested: true } a ? a : null;

    /// <summary>
    /// The current span's W3C traceparent, to store with work handed to another process (the inbox row), or null when the
    /// hub is not tracing. An unsampled request's context is stored too (flags 00), so its processing is not sampled
    /// afresh as a trace of its own.
    /// </summary>
    public static string? CurrentTraceparent() =>
        Source.HasListeners() && Activity.Current is { IdFormat: ActivityIdFormat.W3C } a ? a.Id : null;

    /// <summary>The stored traceparent as a remote parent; default (none: the span starts its own trace) when absent or unreadable.</summary>
    public static ActivityContext ParentFrom(string? traceparent) =>
        traceparent is not null && ActivityContext.TryParse(traceparent, null, isRemote: true, out var context) ? context : default;
}
