using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Azure DevOps puts everything in the body: <c>eventType</c>, and <c>subscriptionId</c> + <c>notificationId</c>, which
/// stay the same when Azure retries a notification; together they are the delivery id (<c>{subscriptionId}:{notificationId}</c>).
/// The samples in Microsoft's docs omit both; such a body yields a null delivery id.
/// A "Test" notification (the Test button of the service hook dialog, which runs before the subscription exists) carries
/// the all-zero subscription id and Microsoft's sample resource (the Fabrikam repository, Jamal Hartnett): it is the
/// hook's ping, never an event. (unverified in Microsoft's docs; seen in
/// ../shared/fixtures/azure-devops/ms.vss-code.git-pullrequest-comment-event.drone-go-scm.json, whose resource is the sample.)
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
            bool test = Guid.TryParse(subscription, out Guid id) && id == Guid.Empty;
            return new(deliveryId, root.Text("eventType"), IsPing: test);
        }
        catch (JsonException)
        {
            return new(null, null, false);
        }
    }
}
