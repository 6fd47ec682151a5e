using IntegrationHub.Providers.Abstractions;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>Azure DevOps Services and Server; hooks are service-hook subscriptions.</summary>
internal sealed class AzureDevOpsProvider : ProviderModule
{
    public override ProviderDescriptor Descriptor => AzureDevOpsDescriptor.Instance;
    public override IWebhookVerifier Verifier { get; } = new AzureDevOpsWebhookVerifier();
    public override IWebhookDeliveryReader DeliveryReader { get; } = new AzureDevOpsWebhookDeliveryReader();
    public override IEventNormalizer Normalizer { get; } = new AzureDevOpsEventNormalizer();

    public override WebhookFacts Webhook { get; } = new()
    {
        // Azure DevOps sends payloads up to 2 MB.
        MaxBodyBytes = 2 * WebhookFacts.MiB,
        // Any non-transient failure puts a subscription on probation (new events dropped), then DisabledBySystem.
        // https://learn.microsoft.com/azure/devops/service-hooks/troubleshoot
        PunishesFailures = true,
        // The body names the subscription, notification and event; the only credential header (Authorization) is never kept.
        KeptHeaders = [],
        // No signature: Basic credentials on the subscription, a user name per hook and this secret as the password.
        Secret = new(RandomBytes: 32, HookSecretUse.BasicPassword),
    };

    private protected override IProviderApi NewApi(ApiTransport transport) => new AzureDevOpsApiClient(transport);
    private protected override IPollReader NewPollReader(ApiTransport transport) => new AzureDevOpsPollReader(transport);
}
