namespace IntegrationHub.WebhookIntake;

/// <summary>Settings under "Hub:Ingest" (environment: Hub__Ingest__Name). Listed in the README's Configuration section.</summary>
public sealed class IngestOptions
{
    public const string Section = "Hub:Ingest";

    /// <summary>Run the delivery processing background process on worker nodes.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long the processing pauses on a node after a round that found nothing due (busy rounds follow each other at once).</summary>
    public int JobSeconds { get; set; } = 1;

    /// <summary>Deliveries claimed per batch.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long one round keeps claiming batches before the process starts the next round.</summary>
    public int RunBudgetSeconds { get; set; } = 20;

    /// <summary>A claim's lease: a node that dies mid-delivery frees it after this, and another node takes it again.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Attempts before a delivery that keeps failing is left as failed (a body that cannot be read fails at once).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry's delay; each further retry doubles it, up to <see cref="RetryMaxSeconds"/>.</summary>
    public int RetryBaseSeconds { get; set; } = 5;

    public int RetryMaxSeconds { get; set; } = 3600;
}
