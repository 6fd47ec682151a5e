using IntegrationHub.Data;
using IntegrationHub.Providers;
namespace IntegrationHub.Secrets;

/// <summary>The secrets a delivery to a hook may be signed with, in the order the webhook verifiers expect.</summary>
public static class HookSecrets
{
    /// <summary>
    /// The current secret first, then the previous one while its rotation grace period lasts (strictly before
    /// PreviousSecretExpiresAt), or without limit while the provider has not yet confirmed the rotation (no expiry set:
    /// the provider still signs with the previous secret), each in the form the provider's verifier takes (<c>username:secret</c>
    /// for Azure DevOps' Basic credentials).
    /// Pass the result to <c>IWebhookVerifier.Verify</c>.
    /// </summary>
    public static IReadOnlyList<string> Accepted(Hook hook, DateTimeOffset now, ISecretProtector protector)
    {
        ArgumentNullException.ThrowIfNull(hook);
        ArgumentNullException.ThrowIfNull(protector);
        var secrets = new List<string>(2) { protector.Unprotect(hook.SecretProtected) };
        if (hook.PreviousSecretProtected is { } previous && (hook.PreviousSecretExpiresAt is not { } expires || now < expires))
        {
            secrets.Add(protector.Unprotect(previous));
        }

        return ProviderCatalog.TryFind(hook.Provider, out var provider)
            ? [.. secrets.Select(s => provider.Webhook.Secret.ForVerifier(s, hook.BasicUsername))]
            : secrets;
    }
}
