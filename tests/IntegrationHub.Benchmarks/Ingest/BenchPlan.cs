namespace IntegrationHub.Benchmarks.Ingest;

/// <summary>What the load process is told: where the hub and the database are, which hooks to sign for, how hard and how long.</summary>
internal sealed record BenchPlan(string HubUrl, string ConnectionString, int Seconds, int Concurrency, string FixturesDir, IReadOnlyList<BenchHook> Hooks);

internal sealed record BenchHook(Guid Id, string Provider, string Secret);

/// <summary>One measured phase: how many requests were acknowledged (and how), in how long, and the latency distribution.</summary>
internal sealed record PhaseResult(string Name, long Ok, long Failed, double Seconds, double P50Ms, double P99Ms, double MaxMs)
{
    public double PerSecond => Ok / Seconds;
}
