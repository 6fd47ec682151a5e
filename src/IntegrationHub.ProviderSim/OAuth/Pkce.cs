using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.ProviderSim.OAuth;

/// <summary>RFC 7636 S256 check: BASE64URL(SHA256(verifier)) == challenge. Fails closed, constant-time compare.</summary>
internal static class Pkce
{
    public static bool Verify(string? challenge, string? method, string? verifier)
    {
        if (challenge is null)
        {
            // A verifier for a code issued without a challenge is refused, as RFC 9700 §2.1.1 requires and Doorkeeper
            // (GitLab) does: otherwise an attacker who authorized without PKCE could swap that code into a victim's
            // PKCE flow ("PKCE downgrade"), and the victim's verifier would be accepted for it.
            // https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1
            return string.IsNullOrEmpty(verifier);
        }

        if (string.IsNullOrEmpty(verifier))
        {
            return false;
        }

        var expected = string.Equals(method, "plain", StringComparison.Ordinal)
            ? verifier
            : Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(challenge));
    }

    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
