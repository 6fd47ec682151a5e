using System.Collections.Concurrent;
using System.Diagnostics;
using IntegrationHub.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace IntegrationHub.Tests.Telemetry;

/// <summary>
/// The spans a node's own TracerProvider ends (its sampler, its sources), kept as they end. A processor rather than the
/// in-memory exporter: the exporter's list is written from the threads that end spans while the test reads it.
/// A TracerProvider listens process-wide, so the tests using this run in the non-parallel <see cref="TelemetryCollection"/>.
/// </summary>
internal sealed class SpanCapture : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> _ended = new();

    public IReadOnlyList<Activity> Spans => [.. _ended];

    /// <summary>Adds this capture to the TracerProvider the hub registers (none unless tracing is on).</summary>
    public void AddTo(IServiceCollection services) => services.ConfigureOpenTelemetryTracerProvider(b => b.AddProcessor(this));

    public IReadOnlyList<Activity> Named(string name) => [.. _ended.Where(a => a.DisplayName == name)];

    /// <summary>The spans of one trace whose parent is <paramref name="parent"/>.</summary>
    public IReadOnlyList<Activity> ChildrenOf(Activity parent) =>
        [.. _ended.Where(a => a.TraceId == parent.TraceId && a.ParentSpanId == parent.SpanId)];

    public override void OnEnd(Activity data) => _ended.Enqueue(data);

    public static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    /// <summary>The span's "event stored" events as "id kind", as <c>SELECT id || ' ' || kind FROM events</c> reads them.</summary>
    public static IEnumerable<string> StoredEvents(Activity span) => span.Events.Where(e => e.Name == "event stored")
        .Select(e => $"{Value(e, HubTracing.EventIdTag)} {Value(e, HubTracing.EventKindTag)}");

    private static object? Value(ActivityEvent e, string tag) => e.Tags.FirstOrDefault(t => t.Key == tag).Value;
}
