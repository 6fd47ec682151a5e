using System.Security.Cryptography;

namespace IntegrationHub.Secrets;

/// <summary>Fresh random secrets: never derived from ids or anything guessable.</summary>
public static class SecretGenerator
{
    /// <summary>URL-safe base64 of <paramref name="bytes"/> random bytes (32 by default).</summary>
    public static string New(int bytes = 32) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
