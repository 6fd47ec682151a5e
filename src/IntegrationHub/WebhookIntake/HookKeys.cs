using IntegrationHub.Data;
using IntegrationHub.Secrets;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// A kept hook's secrets, decrypted once (<see cref="IngressHook.AcceptedSecrets"/>) instead of on every delivery: the
/// key ring's decryption (a key derivation, AES and an HMAC per secret) cost more than verifying the delivery itself.
/// They live as long as the directory keeps the hook: a rotation or any other change to the hook drops it on every node
/// (<see cref="HookDirectory"/>), and the next delivery reads and decrypts the new row.
/// </summary>
internal sealed class HookKeys
{
    private readonly string[] _current;
    private readonly string[]? _withPrevious;
    private readonly DateTimeOffset? _previousExpiresAt;

    private HookKeys(IReadOnlyList<string> accepted, DateTimeOffset? previousExpiresAt)
    {
        _current = [accepted[0]];
        _withPrevious = accepted.Count > 1 ? [.. accepted] : null;
        _previousExpiresAt = previousExpiresAt;
    }

    /// <summary>
    /// Decrypts as <see cref="HookSecrets.Accepted"/> does at <paramref name="now"/>: a previous secret already expired is
    /// never decrypted (time only moves on, it cannot be accepted again).
    /// </summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The key ring cannot decrypt a secret.</exception>
    public static HookKeys Decrypt(Hook hook, DateTimeOffset now, ISecretProtector protector) =>
        new(HookSecrets.Accepted(hook, now, protector), hook.PreviousSecretExpiresAt);

    /// <summary>The secrets a delivery at <paramref name="now"/> may be signed with, current first (no allocation).</summary>
    public IReadOnlyList<string> Accepted(DateTimeOffset now) =>
        _withPrevious is not null && (_previousExpiresAt is not { } expires || now < expires) ? _withPrevious : _current;
}
