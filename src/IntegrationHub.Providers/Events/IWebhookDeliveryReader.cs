namespace IntegrationHub.Providers.Events;

/// <summary>Reads a delivery's id, event name and ping flag from where its provider puts them.</summary>
public interface IWebhookDeliveryReader
{
    /// <summary>The provider whose deliveries this reads.</summary>
    ProviderKind Provider { get; }

    /// <summary>Reads the delivery info. Never throws; unreadable parts come back null.</summary>
    WebhookDeliveryInfo Read(WebhookRequest request);
}
