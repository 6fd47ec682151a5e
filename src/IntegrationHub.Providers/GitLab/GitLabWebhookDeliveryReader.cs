using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// <c>Idempotency-Key</c> stays the same across GitLab's retries and manual resends, so it is the delivery id.
/// <c>X-Gitlab-Event-UUID</c> is shared by a whole chain of triggered requests and is NOT a delivery id.
/// Older GitLab sends no Idempotency-Key; a hook with a signing token still sends <c>webhook-id</c>, which Standard
/// Webhooks keeps across retries; failing both, <c>X-Gitlab-Webhook-UUID</c> is used, which is new on every request, so
/// such retries are not recognised as duplicates by id (the natural key still dedupes their events).
/// The event is named by <c>X-Gitlab-Event</c>; a delivery without it (a relay that drops headers) is named by the body's
/// <c>object_kind</c>, or <c>event_name</c> for system hooks, which the normalizer reads first anyway.
/// GitLab's "Test" button sends an ordinary event, so there is no ping.
/// https://docs.gitlab.com/user/project/integrations/webhooks/#delivery-headers
/// </summary>
public sealed class GitLabWebhookDeliveryReader : IWebhookDeliveryReader
{
    /// <inheritdoc />
    public ProviderKind Provider => ProviderKind.GitLab;

    /// <inheritdoc />
    public WebhookDeliveryInfo Read(WebhookRequest request) =>
        new(
            request.NonBlankHeader("Idempotency-Key")
                ?? request.NonBlankHeader(GitLabWebhookVerifier.IdHeader)
                ?? request.NonBlankHeader("X-Gitlab-Webhook-UUID"),
            request.NonBlankHeader("X-Gitlab-Event") ?? KindFromBody(request.Body),
            IsPing: false);

    private static string? KindFromBody(ReadOnlyMemory<byte> body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.FirstText("object_kind", "event_name") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
