using IntegrationHub.Providers.Abstractions;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>Bitbucket Cloud (bitbucket.org).</summary>
internal sealed class BitbucketCloudProvider : ProviderModule
{
    public override ProviderDescriptor Descriptor => BitbucketCloudDescriptor.Instance;
    public override IWebhookVerifier Verifier { get; } = new BitbucketCloudWebhookVerifier();
    public override IWebhookDeliveryReader DeliveryReader { get; } = new BitbucketCloudWebhookDeliveryReader();
    public override IEventNormalizer Normalizer { get; } = new BitbucketCloudEventNormalizer();

    public override WebhookFacts Webhook { get; } = new()
    {
        // Bitbucket Cloud drops payloads over 256 KB on its side; 1 MB leaves room.
        MaxBodyBytes = 1 * WebhookFacts.MiB,
        // A failed delivery is retried up to twice more, and the hook stays on.
        PunishesFailures = false,
        KeptHeaders = ["X-Event-Key", "X-Hook-UUID", "X-Request-UUID", "X-Attempt-Number"],
        // X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>, sent when the hook has a secret (ours always do).
        Secret = new(RandomBytes: 32, HookSecretUse.HmacKey),
    };

    private protected override IProviderApi NewApi(ApiTransport transport) => new BitbucketCloudApiClient(transport);
    private protected override IPollReader NewPollReader(ApiTransport transport) => new BitbucketCloudPollReader(transport);
}
