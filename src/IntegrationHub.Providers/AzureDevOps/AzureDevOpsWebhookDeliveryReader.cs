using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Azure DevOps puts everything in the body: <c>eventType</c>, and <c>subscriptionId</c> + <c>notificationId</c>, which
/// stay the same when Azure retries a notification; together they are the delivery id (<c>{subscriptionId}:{notificationId}</c>).
/// The samples in Microsoft's docs omit both; such a body yields a null delivery id.
/// https://learn.microsoft.com/azure/devops/service-hooks/events
/// </summary>
public sealed class AzureDevOpsWebhookDeliveryReader : IWebhookDeliveryReader
{
    /// <inheritdoc />
    public ProviderKind Provider => ProviderKind.AzureDevOps;

    /// <inheritdoc />
    public WebhookDeliveryInfo Read(WebhookRequest request)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(request.Body);
            JsonElement root = document.RootElement;
            string? subscription = root.Text("subscriptionId");
            string? notification = root.Text("notificationId");
            string? deliveryId = subscription is not null && notification is not null ? $"{subscription}:{notification}" : null;
            return new(deliveryId, root.Text("eventType"), IsPing: false);
        }
        catch (JsonException)
        {
            return new(null, null, false);
        }
    }
}
