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
    public int BatchSize { get; set; } = 100;

    /// <summary>A claim's lease; a node that dies mid-poll frees its repositories after this.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>
    /// Provider requests in flight at once per connection (per token) on one node. GitHub allows 100 per token across
    /// REST and GraphQL; this leaves room for discovery, hooks and actions, and for other nodes.
    /// </summary>
    public int MaxConcurrencyPerConnection { get; set; } = 8;

    /// <summary>
    /// Polls in flight at once per provider host on one node, however many tokens: a bound for a self-hosted server
    /// (GitLab, Bitbucket Data Center), not a provider's limit; per-token limits are <see cref="MaxConcurrencyPerConnection"/>.
    /// </summary>
    public int MaxConcurrencyPerHost { get; set; } = 64;

    /// <summary>
    /// With a change probe (GitHub): each repository is still read in full once in this many seconds, a slice of them each
    /// cycle, for what the probe cannot see (a run that finishes later, a status on an unmoved head, failed deliveries).
    /// </summary>
    public int FullReadSeconds { get; set; } = 600;

    /// <summary>With a change probe: after its fingerprint moved, a repository is read in full every cycle this long.</summary>
    public int HotSeconds { get; set; } = 300;

    /// <summary>
    /// With a change probe: at most this many full reads per connection per cycle by turn (a connection with more
    /// repositories gets a longer round). Each full read asks each GitHub endpoint once, and GitHub allows 900 points a
    /// minute per endpoint per token.
    /// </summary>
    public int MaxFullReadsPerConnectionPerCycle { get; set; } = 600;

    /// <summary>Share of a connection's rate limit the poll never touches, kept for discovery and hook repair.</summary>
    public double ReserveFraction { get; set; } = 0.2;

    /// <summary>The reserve in requests when the provider does not say its limit.</summary>
    public int ReserveCalls { get; set; } = 100;

    /// <summary>Longest wait after repeated failures (401, 404, errors) before trying a repository again.</summary>
    public int MaxBackoffSeconds { get; set; } = 3600;

    public TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, IntervalSeconds));
}
