using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Providers.Api;

/// <summary>PKCE S256 (RFC 7636): a random verifier kept server-side, its SHA-256 challenge sent to the authorize URL.</summary>
public static class Pkce
{
    /// <summary>32 random bytes, base64url: 43 characters, the RFC's minimum length and recommended entropy.</summary>
    public static string CreateVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Challenge(string verifier) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public const string Method = "S256";
}
