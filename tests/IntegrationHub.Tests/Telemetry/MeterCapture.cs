using IntegrationHub.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace IntegrationHub.Tests.Telemetry;

/// <summary>
/// The hub's meter read through OpenTelemetry's in-memory exporter, by a MeterProvider of the test's own: its cumulative
/// sums start when it is made, so what it reads is what moved since.
/// </summary>
internal sealed class MeterCapture : IDisposable
{
    private readonly List<MetricSnapshot> _exported = [];
    private readonly MeterProvider _provider;

    private MeterCapture() =>
        _provider = Sdk.CreateMeterProviderBuilder().AddMeter(HubMetrics.MeterName).AddInMemoryExporter(_exported).Build();

    public static MeterCapture Start() => new();

    /// <summary>Sum of a counter (or count of a histogram) over the points whose tags include all of <paramref name="tags"/>.</summary>
    public long Sum(string instrument, params (string Key, string Value)[] tags) =>
        Points(instrument, tags).Sum(p => p.Type switch
        {
            MetricType.Histogram => p.Point.GetHistogramCount(),
            MetricType.LongSum => p.Point.GetSumLong(),
            _ => throw new InvalidOperationException($"{instrument} is a {p.Type}"),
        });

    /// <summary>Last value of a gauge at the point with exactly these tags (read now: observable gauges are called back).</summary>
    public double Gauge(string instrument, params (string Key, string Value)[] tags)
    {
        var points = Points(instrument, tags);
        Assert.True(points.Count == 1, $"{instrument} with [{string.Join(", ", tags)}]: {points.Count} points; exported: "
            + string.Join("; ", _exported.Select(m => $"{m.Name} ({m.MetricPoints.Count})")));
        var point = points[0];
        return point.Type == MetricType.LongGauge ? point.Point.GetGaugeLastValueLong() : point.Point.GetGaugeLastValueDouble();
    }

    /// <summary>How many points (series) an instrument exports whose tags include all of <paramref name="tags"/>.</summary>
    public int Count(string instrument, params (string Key, string Value)[] tags) => Points(instrument, tags).Count;

    /// <summary>Sum of the values recorded into a histogram (seconds for a duration).</summary>
    public double HistogramSum(string instrument, params (string Key, string Value)[] tags) =>
        Points(instrument, tags).Sum(p => p.Point.GetHistogramSum());

    private List<(MetricType Type, MetricPoint Point)> Points(string instrument, (string Key, string Value)[] tags)
    {
        _exported.Clear();
        _provider.ForceFlush();
        var found = new List<(MetricType, MetricPoint)>();
        foreach (var metric in _exported.Where(m => m.Name == instrument))
        {
            foreach (var point in metric.MetricPoints)
            {
                var have = new Dictionary<string, string?>();
                foreach (var tag in point.Tags)
                {
                    have[tag.Key] = tag.Value?.ToString();
                }

                if (tags.All(t => have.TryGetValue(t.Key, out var v) && v == t.Value))
                {
                    found.Add((metric.MetricType, point));
                }
            }
        }

        return found;
    }

    public void Dispose() => _provider.Dispose();
}
