using System.Globalization;

namespace IntegrationHub.Benchmarks.Poll;

/// <summary>Command-line options of the poll benchmark.</summary>
/// <remarks>
/// <c>--secondary-limits on|off</c> (on by default): the simulator refuses what GitHub's secondary limits refuse (100
/// requests in flight, 900 points a minute per REST endpoint, 2,000 GraphQL points a minute, 80 creations a minute and
/// 500 an hour, per token), so <c>limit_answers</c> says whether the poll stays within them. <c>--warm-up-cycles N</c>
/// (10): cycles of first looks at most, until every repository was polled once and none is overdue.
/// <c>--provider github|gitlab|bitbucket|bitbucket-dc|azure-devops</c> (github by default): whose repositories are polled.
/// </remarks>
internal sealed record PollBenchOptions(int Repositories, int Connections, int CycleSeconds, int LatencyMs, string Nodes, string? ConnectionString,
    bool SecondaryLimits, PollBenchProvider Provider, int WarmUpCycles)
{
    public static PollBenchOptions Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new PollBenchOptions(Int("--repos", 2000), Int("--connections", 20), Int("--cycle-seconds", 60), Int("--latency-ms", 75),
            Value("--nodes") ?? "1,2", Value("--connection-string"), Value("--secondary-limits") != "off",
            PollBenchProvider.Parse(Value("--provider") ?? "github"), Int("--warm-up-cycles", 10));
    }

    /// <summary>The node counts to measure one after another, e.g. "1,2".</summary>
    public IReadOnlyList<int> NodeCounts => [.. Nodes.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))];
}
