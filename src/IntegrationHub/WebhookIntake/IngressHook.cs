using IntegrationHub.Data;
using IntegrationHub.Secrets;

namespace IntegrationHub.WebhookIntake;

/// <summary>What the ingress reads about a hook in its one lookup: where deliveries belong, whether it is live, its secrets (still encrypted; decrypted once on first use).</summary>
internal sealed record IngressHook(
    Guid Id,
    Guid TenantId,
    Guid ConnectionId,
    Guid? RepositoryId,
    string Provider,
    string Status,
    string ConnectionStatus,
    Hook Secrets)
{
    private HookKeys? _keys;

    /// <summary>
    /// The secrets a delivery may be signed with now, decrypted on first use and kept with this hook (<see cref="HookKeys"/>).
    /// Two requests racing on the first use both decrypt; either answer is the same.
    /// </summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The key ring cannot decrypt a secret (nothing is kept: the next delivery tries again).</exception>
    public IReadOnlyList<string> AcceptedSecrets(DateTimeOffset now, ISecretProtector protector) =>
        (_keys ??= HookKeys.Decrypt(Secrets, now, protector)).Accepted(now);

    /// <summary>
    /// Pending hooks accept deliveries: GitHub sends its ping the moment the hook is created, before our registration call
    /// returns. Failed hooks too: "failed" is our bookkeeping (a reconcile call failed), the provider may still hold the hook.
    /// </summary>
    /// <remarks>
    /// Disabled (by the provider, as reconciliation last saw it) stays live: GitLab lifts a temporary disable by itself,
    /// and its next delivery must not be refused until our reconciliation notices.
    /// </remarks>
    public bool HookIsLive => Status is HookStatus.Pending or HookStatus.Registered or HookStatus.Failed or HookStatus.Disabled;

    /// <summary>A connection needing reauthorization still receives webhooks: its tokens expired, its hooks did not.</summary>
    public bool ConnectionIsLive => ConnectionStatus is Data.ConnectionStatus.Active or Data.ConnectionStatus.NeedsReauthorization;
}
