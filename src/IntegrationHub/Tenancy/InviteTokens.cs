using System.Buffers.Text;
using System.Security.Cryptography;

namespace IntegrationHub.Tenancy;

/// <summary>
/// An invitation link's token: 32 random bytes, base64url in the link; the table keeps only their SHA-256, so a copy
/// of the database cannot accept anyone's invitation.
/// </summary>
public static class InviteTokens
{
    public static (string Token, byte[] Hash) New()
    {
        byte[] raw = RandomNumberGenerator.GetBytes(32);
        return (Base64Url.EncodeToString(raw), SHA256.HashData(raw));
    }

    /// <summary>The stored hash of a link's token; null when it is not a token this hub makes (the caller says "not valid").</summary>
    public static byte[]? HashOf(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length != 43)
        {
            return null;
        }

        Span<byte> raw = stackalloc byte[32];
        return Base64Url.TryDecodeFromChars(token, raw, out int written) && written == 32 ? SHA256.HashData(raw) : null;
    }

    /// <summary>Constant time, so how much of a hash matched never shows in the answer's timing.</summary>
    public static bool Same(byte[] a, byte[] b) => CryptographicOperations.FixedTimeEquals(a, b);

    public static string Path(string token) => "/invitations/" + token;
}
