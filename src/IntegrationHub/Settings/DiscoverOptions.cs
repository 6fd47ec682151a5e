namespace IntegrationHub.Settings;

/// <summary>Settings under "Hub:Discover" (environment: Hub__Discover__Name). Listed in the README's Configuration section.</summary>
public sealed class DiscoverOptions
{
    public const string Section = "Hub:Discover";

    /// <summary>Run the discovery and hook work jobs on worker nodes.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each node's work job wakes to claim discovery and hook work.</summary>
    public int JobSeconds { get; set; } = 2;

    /// <summary>Work items claimed per batch.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Hook items handled at once on one node.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>A claim's lease; discovery renews it after every page. A node that dies frees its work after this.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How long one job firing keeps claiming further batches before it returns.</summary>
    public int FiringBudgetSeconds { get; set; } = 20;

    /// <summary>Quartz cron expression for the nightly re-discovery of every active connection (UTC).</summary>
    public string NightlyCron { get; set; } = "0 0 3 * * ?";

    /// <summary>
    /// Calls kept in reserve: when the provider says fewer remain, discovery and hook work wait for the window's reset
    /// instead of running the connection dry. Negative turns the slow-down off (429/403 answers are still honoured).
    /// </summary>
    public int RateLimitReserve { get; set; } = 50;

    /// <summary>Failed transient attempts (5xx, network) before an item is given up.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>
    /// Pages of repositories one discovery run reads at most (1,000 pages is 100,000 repositories at the providers' 100
    /// a page): a provider that hands out next-page links forever stops here, and the card says so.
    /// </summary>
    public int MaxPagesPerRun { get; set; } = 1000;

    /// <summary>
    /// Repositories one connection holds at most (rows not gone, whichever run stored them); new ones past it are not stored,
    /// and the card says so.
    /// </summary>
    public int MaxRepositoriesPerConnection { get; set; } = 50_000;
}
