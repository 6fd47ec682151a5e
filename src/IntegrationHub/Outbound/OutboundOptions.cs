namespace IntegrationHub.Outbound;

/// <summary>Settings under Hub:Outbound: outbound webhooks (subscriptions), their fan-out and sending.</summary>
public sealed class OutboundOptions
{
    public const string Section = "Hub:Outbound";

    /// <summary>Run the fan-out and sender loop on this worker node.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long the previous secret still signs after a rotation, so receivers can switch without a gap.</summary>
    public int RotationGraceHours { get; set; } = 24;

    /// <summary>A subscription whose deliveries have failed without a success for this long is disabled (5 days).</summary>
    public int DisableAfterHours { get; set; } = 120;

    public int MaxSubscriptionsPerTenant { get; set; } = 20;

    /// <summary>Requests in flight per subscription, so one slow endpoint cannot take every sender slot.</summary>
    public int MaxInFlightPerSubscription { get; set; } = 4;

    /// <summary>Deliveries claimed per sender round across all subscriptions.</summary>
    public int SendBatch { get; set; } = 64;

    /// <summary>Subscriptions claimed, and events read per subscription, per fan-out round.</summary>
    public int FanOutBatch { get; set; } = 500;

    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How long a claimed delivery stays with its node; a node that dies releases it when this runs out.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Pause between rounds when a round found nothing to do.</summary>
    public int IdleMilliseconds { get; set; } = 500;

    /// <summary>The longest Retry-After (429/503) honoured; a longer one is cut to this.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 3600;
}
