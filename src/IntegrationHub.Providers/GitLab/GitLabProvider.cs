using IntegrationHub.Providers.Abstractions;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;

namespace IntegrationHub.Providers.GitLab;

/// <summary>GitLab.com and self-managed GitLab.</summary>
internal sealed class GitLabProvider : ProviderModule
{
    public override ProviderDescriptor Descriptor => GitLabDescriptor.Instance;
    public override IWebhookVerifier Verifier { get; } = new GitLabWebhookVerifier();
    public override IWebhookDeliveryReader DeliveryReader { get; } = new GitLabWebhookDeliveryReader();
    public override IEventNormalizer Normalizer { get; } = new GitLabEventNormalizer();

    public override WebhookFacts Webhook { get; } = new()
    {
        // GitLab caps webhook payloads at 25 MB.
        MaxBodyBytes = 25 * WebhookFacts.MiB,
        // From the 4th consecutive failure (4xx and 5xx alike) a project hook is disabled, at the 40th for good.
        // https://docs.gitlab.com/user/project/integrations/webhooks/#auto-disabled-webhooks
        PunishesFailures = true,
        KeptHeaders =
        [
            "X-Gitlab-Event", "X-Gitlab-Instance", "X-Gitlab-Webhook-UUID", "X-Gitlab-Event-UUID", "Idempotency-Key",
            "webhook-id", "webhook-timestamp",
        ],
        // Sent back in clear as X-Gitlab-Token; never kept with a delivery.
        Secret = new(RandomBytes: 32, HookSecretUse.ClearToken),
    };

    private protected override IProviderApi NewApi(ApiTransport transport) => new GitLabApiClient(transport);
    private protected override IPollReader NewPollReader(ApiTransport transport) => new GitLabPollReader(transport);
}
