using System.Security.Cryptography;

namespace IntegrationHub.Secrets;

/// <summary>
/// A 256-bit key-encryption key that seals the Data Protection key ring. Its id is a check value (an HMAC of a fixed
/// label under the key), so an element names the key that sealed it without storing anything that helps to find it.
/// </summary>
internal sealed class KeyEncryptionKey
{
    public const int Bytes = 32;

    private readonly byte[] _material;

    private KeyEncryptionKey(byte[] material)
    {
        _material = material;
        Id = Convert.ToHexStringLower(HMACSHA256.HashData(material, "IntegrationHub key-ring key id"u8)[..8]);
    }

    /// <summary>16 hex digits, the same on every node given the same key.</summary>
    public string Id { get; }

    public AesGcm NewCipher() => new(_material, AesGcmXml.TagSize);

    /// <summary>A fresh key, base64, as the key file and <c>Hub__KeyRing__Key</c> hold it.</summary>
    public static string NewBase64() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>Reads base64 text; <paramref name="setting"/> names where it came from in the error (never the value).</summary>
    public static KeyEncryptionKey Parse(string base64, string setting)
    {
        byte[] material;
        try
        {
            material = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new KeyRingException($"{setting} is not base64. Give it a 256-bit key in base64, e.g. the output of `openssl rand -base64 32`.");
        }

        return material.Length == Bytes
            ? new KeyEncryptionKey(material)
            : throw new KeyRingException($"{setting} holds {material.Length * 8} bits; a key-encryption key is 256 bits (32 bytes) in base64, e.g. `openssl rand -base64 32`.");
    }

    public static KeyEncryptionKey FromFile(string path, string setting)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyRingException($"{setting} names {path}, which cannot be read ({e.GetType().Name}). Point it at a readable file holding a base64 256-bit key.");
        }

        return Parse(text, $"{setting} ({path})");
    }
}
