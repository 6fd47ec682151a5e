using IntegrationHub.Providers.Abstractions;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;

namespace IntegrationHub.Providers.GitHub;

/// <summary>GitHub and GitHub Enterprise Server.</summary>
internal sealed class GitHubProvider : ProviderModule
{
    public override ProviderDescriptor Descriptor => GitHubDescriptor.Instance;
    public override IWebhookVerifier Verifier { get; } = new GitHubWebhookVerifier();
    public override IWebhookDeliveryReader DeliveryReader { get; } = new GitHubWebhookDeliveryReader();
    public override IEventNormalizer Normalizer { get; } = new GitHubEventNormalizer();

    public override WebhookFacts Webhook { get; } = new()
    {
        // GitHub does not deliver payloads over 25 MB: https://docs.github.com/en/webhooks/webhook-events-and-payloads#payload-cap
        MaxBodyBytes = 25 * WebhookFacts.MiB,
        // GitHub neither retries nor disables a repository hook for failed deliveries (the poll sweeps its delivery list).
        PunishesFailures = false,
        KeptHeaders = ["X-GitHub-Event", "X-GitHub-Delivery", "X-GitHub-Hook-ID", "X-GitHub-Hook-Installation-Target-Type", "X-GitHub-Hook-Installation-Target-ID"],
        // X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>.
        Secret = new(RandomBytes: 32, HookSecretUse.HmacKey),
    };

    public override bool HasChangeProbe => true;

    private protected override IProviderApi NewApi(ApiTransport transport) => new GitHubApiClient(transport);
    private protected override IPollReader NewPollReader(ApiTransport transport) => new GitHubPollReader(transport);
    private protected override IChangeProbe? NewChangeProbe(ApiTransport transport) => new GitHubChangeProbe(transport);
}
