using System.Globalization;

namespace IntegrationHub.Benchmarks.Poll;

/// <summary>Command-line options of the poll benchmark.</summary>
internal sealed record PollBenchOptions(int Repositories, int Connections, int CycleSeconds, int LatencyMs, string Nodes, string? ConnectionString)
{
    public static PollBenchOptions Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new PollBenchOptions(Int("--repos", 2000), Int("--connections", 20), Int("--cycle-seconds", 60), Int("--latency-ms", 75),
            Value("--nodes") ?? "1,2", Value("--connection-string"));
    }

    /// <summary>The node counts to measure one after another, e.g. "1,2".</summary>
    public IReadOnlyList<int> NodeCounts => [.. Nodes.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))];
}
