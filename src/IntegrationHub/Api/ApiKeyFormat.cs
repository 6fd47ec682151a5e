using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Api;

/// <summary>
/// What a key looks like: "ihub_" and 32 random bytes in unpadded base64url (43 characters). The prefix shown in the
/// dashboard is "ihub_" and the next six characters: enough to tell keys apart, far too little to guess the rest.
/// </summary>
public static class ApiKeyFormat
{
    public const string Marker = "ihub_";
    private const int RandomBytes = 32;
    private const int EncodedLength = 43; // ceil(32 * 4 / 3) without padding
    private const int ShownCharacters = 6;

    public static string NewKey() =>
        Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(RandomBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string PrefixOf(string key) => key[..(Marker.Length + ShownCharacters)];

    public static byte[] HashOf(string key) => SHA256.HashData(Encoding.ASCII.GetBytes(key));

    /// <summary>Shape only (marker, length, base64url alphabet): a malformed value never reaches the database.</summary>
    public static bool LooksValid(string key) =>
        key.Length == Marker.Length + EncodedLength
        && key.StartsWith(Marker, StringComparison.Ordinal)
        && key.AsSpan(Marker.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;
}
