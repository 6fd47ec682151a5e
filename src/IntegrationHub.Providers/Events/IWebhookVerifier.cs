namespace IntegrationHub.Providers.Events;

/// <summary>Checks that a delivery was sent by the provider holding the hook's secret. Constant time, fails closed.</summary>
public interface IWebhookVerifier
{
    /// <summary>The provider whose signing scheme this checks.</summary>
    ProviderKind Provider { get; }

    /// <summary>Verifies a delivery.</summary>
    /// <param name="request">Headers and raw body.</param>
    /// <param name="acceptedSecrets">
    /// The hook's current secret first and, during rotation, the previous one. Empty entries are never accepted.
    /// Azure DevOps: <c>username:password</c> of the subscription's Basic credentials.
    /// </param>
    /// <param name="now">The current time, for schemes that sign a timestamp (GitLab signing tokens).</param>
    VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> acceptedSecrets, DateTimeOffset now);
}
