using System.Diagnostics;

namespace IntegrationHub.Benchmarks.Ingest;

/// <summary>Per-worker latency samples, merged at the end (no locking on the hot path).</summary>
internal sealed class Latencies
{
    private readonly List<long> _ticks = new(1 << 16);

    public void Add(long startTimestamp) => _ticks.Add(Stopwatch.GetTimestamp() - startTimestamp);

    public static (double P50, double P99, double Max) Summarize(IEnumerable<Latencies> all)
    {
        long[] sorted = all.SelectMany(l => l._ticks).Order().ToArray();
        if (sorted.Length == 0)
        {
            return (0, 0, 0);
        }

        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        return (Ms(sorted[(int)(sorted.Length * 0.50)]), Ms(sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]), Ms(sorted[^1]));
    }
}
