namespace IntegrationHub.WebhookIntake;

/// <summary>Settings under "Hub:Retention" (environment: Hub__Retention__Name): how long deliveries and events are kept. Listed in the README.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Hub:Retention";

    /// <summary>
    /// The longest a provider can still resend a delivery: GitHub Enterprise Server's redelivery reaches back 7 days (github.com 3),
    /// Azure DevOps retries for about 36 hours. A delivery row is its dedupe key, so none is deleted younger than this.
    /// </summary>
    public const int MinDeliveryDays = 7;

    /// <summary>GitHub's events feed, which the poll reads, keeps 30 days: an event younger than that can still be found again.</summary>
    public const int MinEventDays = 31;

    /// <summary>Run the retention job on this worker node.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Handled deliveries (body, headers and dedupe key) and rejection counters idle this long are deleted (at least <see cref="MinDeliveryDays"/>).</summary>
    public int DeliveryDays { get; set; } = 30;

    /// <summary>Events recorded this long ago are deleted (at least <see cref="MinEventDays"/>).</summary>
    public int EventDays { get; set; } = 365;

    /// <summary>Rows per DELETE: each batch is its own short transaction, so the ingress never waits behind a long one.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>How often the job runs.</summary>
    public int JobMinutes { get; set; } = 60;

    /// <summary>How long one run keeps deleting batches before it leaves the rest to the next run.</summary>
    public int RunBudgetSeconds { get; set; } = 120;

    public TimeSpan DeliveryAge => TimeSpan.FromDays(Math.Max(MinDeliveryDays, DeliveryDays));

    public TimeSpan EventAge => TimeSpan.FromDays(Math.Max(MinEventDays, EventDays));
}
