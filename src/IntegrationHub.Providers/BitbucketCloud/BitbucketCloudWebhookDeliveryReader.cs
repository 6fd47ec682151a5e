using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// <c>X-Request-UUID</c> identifies the delivery (stable across Bitbucket's two retries — unverified, see PROVIDER-FACTS),
/// <c>X-Event-Key</c> names the event. Bitbucket Cloud sends no ping.
/// https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/#HTTP-headers
/// </summary>
public sealed class BitbucketCloudWebhookDeliveryReader : IWebhookDeliveryReader
{
    /// <inheritdoc />
    public ProviderKind Provider => ProviderKind.BitbucketCloud;

    /// <inheritdoc />
    public WebhookDeliveryInfo Read(WebhookRequest request) =>
        new(request.NonBlankHeader("X-Request-UUID"), request.NonBlankHeader("X-Event-Key"), IsPing: false);
}
