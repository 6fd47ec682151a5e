namespace IntegrationHub.Data;

/// <summary>One POST to a subscription's endpoint: what came back and how long it took.</summary>
public sealed class OutboundAttempt : ITenantOwned
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public Guid TenantId { get; set; }
    public Guid SubscriptionId { get; set; }
    public DateTimeOffset AttemptedAt { get; set; }

    /// <summary>Null when no HTTP answer came (timeout, refused address, connection error).</summary>
    public int? StatusCode { get; set; }

    public int DurationMs { get; set; }
    public string? Error { get; set; }

    /// <summary>The first 1 KB of a text response, for the tenant to see why the endpoint refused.</summary>
    public string? ResponseExcerpt { get; set; }
}
