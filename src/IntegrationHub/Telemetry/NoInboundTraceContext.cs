using System.Diagnostics;

namespace IntegrationHub.Telemetry;

/// <summary>
/// ASP.NET Core's propagator when the hub traces: it reads no <c>traceparent</c>, <c>tracestate</c> or baggage from a
/// request, and writes them on outgoing calls as the default does. The webhook URLs are public: a caller who could
/// choose the parent would have its requests recorded whatever the sample ratio, and put a trace id of its choosing
/// into the stored delivery, the worker's spans and the JSON logs. Every trace therefore starts at the hub.
/// </summary>
internal sealed class NoInboundTraceContext : DistributedContextPropagator
{
    private static readonly DistributedContextPropagator Outbound = CreateDefaultPropagator();

    public override IReadOnlyCollection<string> Fields => Outbound.Fields;

    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter) =>
        Outbound.Inject(activity, carrier, setter);

    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        traceId = null;
        traceState = null;
    }

    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) => null;
}
