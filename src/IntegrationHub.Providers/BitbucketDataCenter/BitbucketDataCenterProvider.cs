using IntegrationHub.Providers.Abstractions;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>Bitbucket Data Center (always self-hosted).</summary>
internal sealed class BitbucketDataCenterProvider : ProviderModule
{
    public override ProviderDescriptor Descriptor => BitbucketDataCenterDescriptor.Instance;
    public override IWebhookVerifier Verifier { get; } = new BitbucketDataCenterWebhookVerifier();
    public override IWebhookDeliveryReader DeliveryReader { get; } = new BitbucketDataCenterWebhookDeliveryReader();
    public override IEventNormalizer Normalizer { get; } = new BitbucketDataCenterEventNormalizer();

    public override WebhookFacts Webhook { get; } = new()
    {
        // No documented cap; 10 MB is far above its largest ref-change payloads.
        MaxBodyBytes = 10 * WebhookFacts.MiB,
        // A failing hook is skipped with growing back-off.
        PunishesFailures = true,
        KeptHeaders = ["X-Event-Key", "X-Request-Id"],
        // X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>.
        Secret = new(RandomBytes: 32, HookSecretUse.HmacKey),
    };

    private protected override IProviderApi NewApi(ApiTransport transport) => new BitbucketDataCenterApiClient(transport);
    private protected override IPollReader NewPollReader(ApiTransport transport) => new BitbucketDataCenterPollReader(transport);
}
