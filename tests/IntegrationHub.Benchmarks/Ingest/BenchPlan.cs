namespace IntegrationHub.Benchmarks.Ingest;

/// <summary>What the load process is told: where the hub and the database are, which hooks to sign for, how hard and how long.</summary>
internal sealed record BenchPlan(string HubUrl, string ConnectionString, int Seconds, int Rounds, int Concurrency, string FixturesDir, IReadOnlyList<BenchHook> Hooks);

internal sealed record BenchHook(Guid Id, string Provider, string Secret);

/// <summary>One measured phase: how many requests were acknowledged (and how), in how long, and the latency distribution.</summary>
internal sealed record PhaseResult(string Name, long Ok, long Failed, double Seconds, double P50Ms, double P99Ms, double MaxMs)
{
    public double PerSecond => Ok / Seconds;

    /// <summary>The rounds of one kind as one result: counts and time summed, the median round's p50, the worst round's p99 and max.</summary>
    public static PhaseResult Combine(IEnumerable<PhaseResult> rounds)
    {
        var all = rounds.ToList();
        var p50 = all.Select(r => r.P50Ms).Order().ToList();
        return new PhaseResult(all[0].Name, all.Sum(r => r.Ok), all.Sum(r => r.Failed), all.Sum(r => r.Seconds), p50[p50.Count / 2],
            all.Max(r => r.P99Ms), all.Max(r => r.MaxMs));
    }
}
