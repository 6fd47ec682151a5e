using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// <c>X-GitHub-Delivery</c> is a GUID per event, kept on redelivery; <c>X-GitHub-Event</c> names the event and
/// <c>ping</c> is sent when a hook is created.
/// https://docs.github.com/en/webhooks/webhook-events-and-payloads#delivery-headers
/// </summary>
public sealed class GitHubWebhookDeliveryReader : IWebhookDeliveryReader
{
    /// <inheritdoc />
    public ProviderKind Provider => ProviderKind.GitHub;

    /// <inheritdoc />
    public WebhookDeliveryInfo Read(WebhookRequest request)
    {
        string? eventName = request.NonBlankHeader("X-GitHub-Event");
        return new(request.NonBlankHeader("X-GitHub-Delivery"), eventName, eventName == "ping");
    }
}
