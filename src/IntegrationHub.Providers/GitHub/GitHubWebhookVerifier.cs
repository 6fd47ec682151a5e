using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// GitHub signs the raw body: <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256&gt;</c>. The legacy SHA-1
/// <c>X-Hub-Signature</c> is ignored on purpose: accepting it would let a downgrade through.
/// https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
/// </summary>
public sealed class GitHubWebhookVerifier : IWebhookVerifier
{
    internal const string SignatureHeader = "X-Hub-Signature-256";

    /// <inheritdoc />
    public ProviderKind Provider => ProviderKind.GitHub;

    /// <inheritdoc />
    public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> acceptedSecrets, DateTimeOffset now) =>
        WebhookSignatures.VerifyHexHmacSha256(request, SignatureHeader, acceptedSecrets);
}
