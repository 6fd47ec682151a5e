namespace IntegrationHub.Settings;

/// <summary>Settings under "Hub:Poll" (environment: Hub__Poll__Name). Listed in the README's Configuration section.</summary>
public sealed class PollOptions
{
    public const string Section = "Hub:Poll";

    /// <summary>Run the poll background process on worker nodes.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each watched repository is polled (not on a connection whose sync mode is webhooks only).</summary>
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>
    /// When set above <see cref="IntervalSeconds"/>: repositories whose hook is registered and delivered within this
    /// many seconds are polled only this often. Off (0) by default: every repository every interval.
    /// </summary>
    public int HealthyHookIntervalSeconds { get; set; }

    /// <summary>A poll cycle starts on each node this often; a long cycle overlaps the next (at most four at once).</summary>
    public int JobSeconds { get; set; } = 5;

    /// <summary>Repositories claimed per batch.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>A claim's lease; a node that dies mid-poll frees its repositories after this.</summary>
    public int LeaseSeconds { get; set; } = 120;

    public int MaxConcurrencyPerConnection { get; set; } = 4;

    public int MaxConcurrencyPerHost { get; set; } = 16;

    /// <summary>Share of a connection's rate limit the poll never touches, kept for discovery and hook repair.</summary>
    public double ReserveFraction { get; set; } = 0.2;

    /// <summary>The reserve in requests when the provider does not say its limit.</summary>
    public int ReserveCalls { get; set; } = 100;

    /// <summary>Longest wait after repeated failures (401, 404, errors) before trying a repository again.</summary>
    public int MaxBackoffSeconds { get; set; } = 3600;

    public TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, IntervalSeconds));
}
