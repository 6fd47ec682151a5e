using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.ProviderSim.Delivery;

/// <summary>The signature GitHub (<c>X-Hub-Signature-256</c>) and Bitbucket (<c>X-Hub-Signature</c>) send: sha256= + hex HMAC of the body.</summary>
internal static class Hmac
{
    public static string Sha256Header(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>GitHub's legacy <c>X-Hub-Signature</c>: sha1= + hex HMAC-SHA1.</summary>
    public static string Sha1Header(string secret, byte[] body) =>
        "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body));
}
