using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// <c>Idempotency-Key</c> stays the same across GitLab's retries and manual resends, so it is the delivery id.
/// <c>X-Gitlab-Event-UUID</c> is shared by a whole chain of triggered requests and is NOT a delivery id.
/// Older GitLab sends no Idempotency-Key; there <c>X-Gitlab-Webhook-UUID</c> is used, which is new on every request,
/// so such retries are not recognised as duplicates by id (the natural key still dedupes their events).
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
            request.NonBlankHeader("Idempotency-Key") ?? request.NonBlankHeader("X-Gitlab-Webhook-UUID"),
            request.NonBlankHeader("X-Gitlab-Event"),
            IsPing: false);
}
