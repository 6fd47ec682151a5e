using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// Bitbucket Cloud signs the raw body like GitHub, in <c>X-Hub-Signature: sha256=&lt;hex HMAC-SHA256&gt;</c>, when the hook
/// has a secret. A hook without a secret cannot be verified, so the hub always sets one and rejects unsigned deliveries.
/// https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/#Secure-webhooks
/// </summary>
public sealed class BitbucketCloudWebhookVerifier : IWebhookVerifier
{
    /// <inheritdoc />
    public ProviderKind Provider => ProviderKind.BitbucketCloud;

    /// <inheritdoc />
    public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> acceptedSecrets, DateTimeOffset now) =>
        WebhookSignatures.VerifyHexHmacSha256(request, "X-Hub-Signature", acceptedSecrets);
}
