namespace IntegrationHub.WebhookIntake;

/// <summary>Rows one retention run deleted, per table.</summary>
internal sealed record RetentionResult(long Deliveries, long Rejections, long Events)
{
    public long Total => Deliveries + Rejections + Events;
}
