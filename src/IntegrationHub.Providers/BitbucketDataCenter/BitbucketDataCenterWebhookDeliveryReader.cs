using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// <c>X-Request-Id</c> identifies the delivery, <c>X-Event-Key</c> names the event; the "Test connection" button sends
/// <c>diagnostics:ping</c> with the body <c>{"test": true}</c>.
/// https://confluence.atlassian.com/bitbucketserver/event-payload-938025882.html
/// </summary>
public sealed class BitbucketDataCenterWebhookDeliveryReader : IWebhookDeliveryReader
{
    internal const string PingEvent = "diagnostics:ping";

    /// <inheritdoc />
    public ProviderKind Provider => ProviderKind.BitbucketDataCenter;

    /// <inheritdoc />
    public WebhookDeliveryInfo Read(WebhookRequest request)
    {
        string? eventName = request.NonBlankHeader("X-Event-Key");
        return new(request.NonBlankHeader("X-Request-Id"), eventName, eventName == PingEvent);
    }
}
