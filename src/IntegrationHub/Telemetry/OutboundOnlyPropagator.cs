using OpenTelemetry.Context.Propagation;

namespace IntegrationHub.Telemetry;

/// <summary>
/// OpenTelemetry's own propagator, for the same reason as <see cref="NoInboundTraceContext"/>: its ASP.NET Core
/// instrumentation extracts a request's context again with this one and would re-parent the request span on it.
/// Extracts nothing; injects W3C trace context and baggage as the SDK's default does.
/// </summary>
internal sealed class OutboundOnlyPropagator : TextMapPropagator
{
    private static readonly TextMapPropagator Outbound = new CompositeTextMapPropagator([new TraceContextPropagator(), new BaggagePropagator()]);

    public override ISet<string>? Fields => Outbound.Fields;

    public override PropagationContext Extract<T>(PropagationContext context, T carrier, Func<T, string, IEnumerable<string>?> getter) => context;

    public override void Inject<T>(PropagationContext context, T carrier, Action<T, string, string> setter) =>
        Outbound.Inject(context, carrier, setter);
}
