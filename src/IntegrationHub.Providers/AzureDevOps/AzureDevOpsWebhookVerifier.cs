using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Azure DevOps service hooks do not sign. The subscription carries Basic credentials that Azure sends in
/// <c>Authorization: Basic base64(username:password)</c> over HTTPS; the accepted secrets are those <c>username:password</c>
/// strings. The decoded bytes are compared, not the base64 text, so padding variants cannot matter.
/// https://learn.microsoft.com/azure/devops/service-hooks/services/webhooks
/// </summary>
public sealed class AzureDevOpsWebhookVerifier : IWebhookVerifier
{
    private const string Scheme = "Basic ";

    /// <inheritdoc />
    public ProviderKind Provider => ProviderKind.AzureDevOps;

    /// <inheritdoc />
    public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> acceptedSecrets, DateTimeOffset now)
    {
        string? header = request.NonBlankHeader("Authorization");
        if (header is null)
        {
            return VerificationResult.Fail(VerificationFailure.MissingHeader, "Authorization is missing");
        }

        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return VerificationResult.Fail(VerificationFailure.MalformedHeader, "Authorization is not Basic credentials");
        }

        string encoded = header[Scheme.Length..].Trim();
        byte[] decoded = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, decoded, out int written) || Array.IndexOf(decoded, (byte)':', 0, written) < 0)
        {
            return VerificationResult.Fail(VerificationFailure.MalformedHeader, "Authorization is not base64 of username:password");
        }

        if (!WebhookSignatures.HasAnySecret(acceptedSecrets))
        {
            return WebhookSignatures.NoSecret();
        }

        return WebhookSignatures.MatchSecret(decoded.AsSpan(0, written), acceptedSecrets) is int index
            ? VerificationResult.Valid(index)
            : VerificationResult.Fail(VerificationFailure.BadSignature, "Authorization matches no accepted credentials");
    }
}
