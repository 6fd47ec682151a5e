using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// Bitbucket Data Center signs the raw body in <c>X-Hub-Signature: sha256=&lt;hex HMAC-SHA256&gt;</c> when the webhook has a secret.
/// Its optional Basic auth is not used: the HMAC also proves the body was not altered.
/// https://confluence.atlassian.com/bitbucketserver/manage-webhooks-938025878.html
/// </summary>
public sealed class BitbucketDataCenterWebhookVerifier : IWebhookVerifier
{
    /// <inheritdoc />
    public ProviderKind Provider => ProviderKind.BitbucketDataCenter;

    /// <inheritdoc />
    public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> acceptedSecrets, DateTimeOffset now) =>
        WebhookSignatures.VerifyHexHmacSha256(request, "X-Hub-Signature", acceptedSecrets);
}
