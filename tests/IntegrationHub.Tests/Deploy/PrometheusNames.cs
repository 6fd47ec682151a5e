using System.Diagnostics.Metrics;
using System.Reflection;
using IntegrationHub.Telemetry;

namespace IntegrationHub.Tests.Deploy;

/// <summary>
/// The hub's instruments (every static <see cref="Instrument"/> of <see cref="HubMetrics"/>) with the series names
/// OpenTelemetry's Prometheus exporter gives them: dots to underscores, the unit as a suffix (<c>s</c>: <c>_seconds</c>;
/// an annotation in braces such as <c>{delivery}</c>: none), <c>_total</c> on a counter, <c>_bucket</c>, <c>_sum</c> and
/// <c>_count</c> on a histogram. A test checks this rule against what a hub serves.
/// </summary>
internal static class PrometheusNames
{
    public static IReadOnlyList<(string Instrument, string[] Series)> HubInstruments() =>
        [.. typeof(HubMetrics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetValue(null)).OfType<Instrument>()
            .Select(i => (i.Name, Series(i)))];

    /// <summary>Metric names of the Prometheus text (series lines, not comments): the part before a label set or the value.</summary>
    public static HashSet<string> Served(string text) =>
        [.. text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l[..l.IndexOfAny(['{', ' '])])];

    private static string[] Series(Instrument instrument)
    {
        string name = instrument.Name.Replace('.', '_') + instrument.Unit switch
        {
            "s" => "_seconds",
            { } unit when unit.StartsWith('{') && unit.EndsWith('}') => "",
            var other => throw new InvalidOperationException($"{instrument.Name}: no renaming rule here for the unit '{other}'"),
        };
        string kind = instrument.GetType().GetGenericTypeDefinition().Name;
        return kind switch
        {
            "Counter`1" or "ObservableCounter`1" => [name + "_total"],
            "Histogram`1" => [name + "_bucket", name + "_sum", name + "_count"],
            "ObservableGauge`1" or "Gauge`1" or "UpDownCounter`1" or "ObservableUpDownCounter`1" => [name],
            _ => throw new InvalidOperationException($"{instrument.Name}: no renaming rule here for a {kind}"),
        };
    }
}
