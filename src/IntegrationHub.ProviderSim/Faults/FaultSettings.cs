namespace IntegrationHub.ProviderSim.Faults;

/// <summary>
/// Faults for one provider, set at run time with <c>PUT /_sim/faults/{provider}</c>. Fractions are applied
/// deterministically (every 1/fraction-th item) so tests need no random seed.
/// </summary>
internal sealed class FaultSettings
{
    /// <summary>0..1 of deliveries never sent; the event is still recorded for the polling endpoints.</summary>
    public double DropDeliveries { get; set; }

    /// <summary>Wait before each delivery.</summary>
    public int DelayDeliveriesMs { get; set; }

    /// <summary>Send each delivery twice (same delivery id / idempotency key), as an at-least-once provider may.</summary>
    public bool DeliverTwice { get; set; }

    /// <summary>0..1 of API requests answered with <see cref="ServerErrorStatus"/>.</summary>
    public double ServerErrors { get; set; }

    public int ServerErrorStatus { get; set; } = 502;

    /// <summary>null, "primary" or "secondary" (GitHub's two kinds; the others have one).</summary>
    public string? RateLimit { get; set; }

    /// <summary>GitHub answers rate limits with 403 or 429; the others always 429.</summary>
    public int RateLimitStatus { get; set; } = 429;

    public int RetryAfterSeconds { get; set; } = 60;

    /// <summary>
    /// Opt-in: enforce this many API calls per token and window (GitHub an hour, GitLab a minute), reported as the
    /// limit. Null reports the real limits (5000, 2000) without enforcing them. Ignored by the other providers.
    /// </summary>
    public int? ApiBudget { get; set; }

    /// <summary>
    /// GitHub: an event shows in the repository events feed (<c>/events</c>) only this many seconds after it happened, as
    /// the real feed lags 30 s to hours. The resources themselves show it at once.
    /// </summary>
    public int FeedLagSeconds { get; set; }

    /// <summary>Added to every API call.</summary>
    public int LatencyMs { get; set; }
}
