using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// <c>X-Request-Id</c> identifies the delivery, <c>X-Event-Key</c> names the event; the body repeats the event in
/// <c>eventKey</c>, which names it when the header is missing. The "Test connection" button sends
/// <c>diagnostics:ping</c> with the body <c>{"test": true}</c>, and that body alone is a ping too.
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
        bool testBody = false;
        if (eventName is null)
        {
            (eventName, testBody) = FromBody(request.Body);
        }

        return new(request.NonBlankHeader("X-Request-Id"), testBody ? PingEvent : eventName, eventName == PingEvent || testBody);
    }

    private static (string? EventKey, bool IsTest) FromBody(ReadOnlyMemory<byte> body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, false);
            }

            string? key = root.Text("eventKey");
            return (key, key is null && root.Bool("test") == true);
        }
        catch (JsonException)
        {
            return (null, false);
        }
    }
}
