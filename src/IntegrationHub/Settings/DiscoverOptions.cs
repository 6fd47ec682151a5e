namespace IntegrationHub.Settings;

/// <summary>Settings under "Hub:Discover" (environment: Hub__Discover__Name). Listed in the README's Configuration section.</summary>
public sealed class DiscoverOptions
{
    public const string Section = "Hub:Discover";

    /// <summary>Run the nightly re-discovery and the hook reconciliation schedule on worker nodes.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Repositories per hook job: registration and removal run in batches of this many, spread over every node.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Cron expression (Hangfire's: five fields, or six with seconds) for the nightly re-discovery of every active connection (UTC).</summary>
    public string NightlyCron { get; set; } = "0 3 * * *";

    /// <summary>
    /// Calls kept in reserve: when the provider says fewer remain, discovery and hook work wait for the window's reset
    /// instead of running the connection dry. Negative turns the slow-down off (429/403 answers are still honoured).
    /// </summary>
    public int RateLimitReserve { get; set; } = 50;

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
