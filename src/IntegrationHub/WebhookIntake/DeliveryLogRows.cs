namespace IntegrationHub.WebhookIntake;

/// <summary>One page of a hook's stored deliveries, newest first, and how many it has in all.</summary>
public sealed record DeliveryLogRows(IReadOnlyList<DeliveryLogLine> Rows, int Total);
