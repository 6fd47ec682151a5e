using System.Text;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// GitLab authenticates a delivery one of two ways. Classic hooks send the secret token in clear in <c>X-Gitlab-Token</c>
/// (https://docs.gitlab.com/user/project/integrations/webhooks/#create-a-webhook), compared here in constant time.
/// Newer GitLab can sign instead, Standard-Webhooks style: <c>webhook-id</c>, <c>webhook-timestamp</c> and
/// <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c> keyed with the decoded bytes of a
/// <c>whsec_&lt;base64&gt;</c> secret (https://www.standardwebhooks.com/). When the signature header is present it is
/// the one checked: a signed delivery is never accepted on the weaker token alone.
/// The hub registers GitLab hooks with a secret token only (it never provisions a signing token), so its own hooks
/// authenticate with <c>X-Gitlab-Token</c>; a signed delivery verifies only when the hook's secret in the hub is itself
/// the <c>whsec_</c> signing token, which the secrets the hub generates are not.
/// </summary>
public sealed class GitLabWebhookVerifier : IWebhookVerifier
{
    /// <summary>How far a signed timestamp may be from now, either way, before the delivery counts as a replay.</summary>
    public static readonly TimeSpan TimestampTolerance = TimeSpan.FromMinutes(5);

    internal const string TokenHeader = "X-Gitlab-Token";
    internal const string IdHeader = "webhook-id";
    internal const string TimestampHeader = "webhook-timestamp";
    internal const string SignatureHeader = "webhook-signature";

    /// <inheritdoc />
    public ProviderKind Provider => ProviderKind.GitLab;

    /// <inheritdoc />
    public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> acceptedSecrets, DateTimeOffset now)
    {
        if (request.Header(SignatureHeader) is not null)
        {
            return GitLabSigningTokenVerifier.Verify(request, acceptedSecrets, now, TimestampTolerance);
        }

        string? token = request.Header(TokenHeader);
        if (string.IsNullOrEmpty(token))
        {
            return VerificationResult.Fail(VerificationFailure.MissingHeader, $"neither {TokenHeader} nor {SignatureHeader} is present");
        }

        if (!WebhookSignatures.HasAnySecret(acceptedSecrets))
        {
            return WebhookSignatures.NoSecret();
        }

        return WebhookSignatures.MatchSecret(Encoding.UTF8.GetBytes(token), acceptedSecrets) is int index
            ? VerificationResult.Valid(index)
            : VerificationResult.Fail(VerificationFailure.BadSignature, $"{TokenHeader} matches no accepted secret");
    }
}
