using IntegrationHub.Providers.AzureDevOps;
using IntegrationHub.Providers.BitbucketCloud;
using IntegrationHub.Providers.BitbucketDataCenter;
using IntegrationHub.Providers.GitHub;
using IntegrationHub.Providers.GitLab;

namespace IntegrationHub.Providers.Events;

/// <summary>
/// A provider's webhook handling in one place: verify, read the delivery id and event name, normalize.
/// All three are stateless and thread-safe; <see cref="For"/> returns shared instances.
/// </summary>
/// <example>
/// <code>
/// var hooks = ProviderWebhooks.For(ProviderKind.GitHub);
/// var request = new WebhookRequest(headers, body);
/// VerificationResult check = hooks.Verifier.Verify(request, [currentSecret, previousSecret], timeProvider.GetUtcNow());
/// if (!check.IsValid) { /* reject with check.Failure */ }
/// WebhookDeliveryInfo info = hooks.DeliveryReader.Read(request);            // dedupe on info.DeliveryId
/// NormalizationResult result = hooks.Normalizer.Normalize(info.EventName, body, receivedAt);
/// </code>
/// </example>
public sealed record ProviderWebhooks(IWebhookVerifier Verifier, IWebhookDeliveryReader DeliveryReader, IEventNormalizer Normalizer)
{
    private static readonly ProviderWebhooks GitHub = new(new GitHubWebhookVerifier(), new GitHubWebhookDeliveryReader(), new GitHubEventNormalizer());
    private static readonly ProviderWebhooks GitLab = new(new GitLabWebhookVerifier(), new GitLabWebhookDeliveryReader(), new GitLabEventNormalizer());
    private static readonly ProviderWebhooks BitbucketCloud = new(
        new BitbucketCloudWebhookVerifier(), new BitbucketCloudWebhookDeliveryReader(), new BitbucketCloudEventNormalizer());
    private static readonly ProviderWebhooks BitbucketDataCenter = new(
        new BitbucketDataCenterWebhookVerifier(), new BitbucketDataCenterWebhookDeliveryReader(), new BitbucketDataCenterEventNormalizer());
    private static readonly ProviderWebhooks AzureDevOps = new(new AzureDevOpsWebhookVerifier(), new AzureDevOpsWebhookDeliveryReader(), new AzureDevOpsEventNormalizer());

    /// <summary>The webhook handling of a provider.</summary>
    public static ProviderWebhooks For(ProviderKind provider) => provider switch
    {
        ProviderKind.GitHub => GitHub,
        ProviderKind.GitLab => GitLab,
        ProviderKind.BitbucketCloud => BitbucketCloud,
        ProviderKind.BitbucketDataCenter => BitbucketDataCenter,
        ProviderKind.AzureDevOps => AzureDevOps,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown provider"),
    };
}
