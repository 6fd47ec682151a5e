using System.Security.Cryptography;
using IntegrationHub.Secrets;
namespace IntegrationHub.Outbound;

/// <summary>
/// Standard Webhooks secrets: <c>whsec_</c> followed by the base64 of 32 random bytes; the bytes are the HMAC key.
/// Stored only as Data Protection ciphertext; the plaintext is shown once, on create and on rotate.
/// </summary>
public static class SubscriptionSecrets
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The HMAC key of a <c>whsec_</c> secret.</summary>
    public static byte[] KeyOf(string secret) => Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);

    /// <summary>
    /// The keys a delivery is signed with now: the current secret, then the previous one while its rotation grace lasts
    /// (strictly before PreviousValidUntil), so a receiver that still holds the old secret keeps verifying.
    /// </summary>
    public static IReadOnlyList<byte[]> SigningKeys(string secretProtected, string? previousProtected, DateTimeOffset? previousValidUntil,
        DateTimeOffset now, ISecretProtector protector)
    {
        var keys = new List<byte[]>(2) { KeyOf(protector.Unprotect(secretProtected)) };
        if (previousProtected is not null && previousValidUntil is { } until && now < until)
        {
            keys.Add(KeyOf(protector.Unprotect(previousProtected)));
        }

        return keys;
    }
}
