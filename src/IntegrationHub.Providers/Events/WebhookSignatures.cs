using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Providers.Events;

/// <summary>The constant-time comparisons the verifiers share.</summary>
internal static class WebhookSignatures
{
    private const string Sha256Prefix = "sha256=";

    /// <summary>
    /// Checks a <c>sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c> header, the scheme of GitHub's <c>X-Hub-Signature-256</c>
    /// and Bitbucket's <c>X-Hub-Signature</c>.
    /// </summary>
    public static VerificationResult VerifyHexHmacSha256(WebhookRequest request, string headerName, IReadOnlyList<string> secrets)
    {
        string? header = request.NonBlankHeader(headerName);
        if (header is null)
        {
            return VerificationResult.Fail(VerificationFailure.MissingHeader, $"{headerName} is missing");
        }

        if (!header.StartsWith(Sha256Prefix, StringComparison.OrdinalIgnoreCase)
            || header.Length != Sha256Prefix.Length + (2 * HMACSHA256.HashSizeInBytes)
            || !TryFromHex(header.AsSpan(Sha256Prefix.Length), out byte[] presented))
        {
            return VerificationResult.Fail(VerificationFailure.MalformedHeader, $"{headerName} is not sha256=<64 hex digits>");
        }

        if (!HasAnySecret(secrets))
        {
            return NoSecret();
        }

        for (int i = 0; i < secrets.Count; i++)
        {
            if (string.IsNullOrEmpty(secrets[i]))
            {
                continue;
            }

            byte[] expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secrets[i]), request.Body.Span);
            if (CryptographicOperations.FixedTimeEquals(expected, presented))
            {
                return VerificationResult.Valid(i);
            }
        }

        return VerificationResult.Fail(VerificationFailure.BadSignature, $"{headerName} does not match the body under any accepted secret");
    }

    /// <summary>
    /// Compares a presented token with each secret in constant time. Both sides are hashed first so that
    /// neither the comparison nor an early length mismatch tells an attacker how long the secret is.
    /// </summary>
    public static int? MatchSecret(ReadOnlySpan<byte> presented, IReadOnlyList<string> secrets)
    {
        Span<byte> presentedHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(presented, presentedHash);
        for (int i = 0; i < secrets.Count; i++)
        {
            if (string.IsNullOrEmpty(secrets[i]))
            {
                continue;
            }

            byte[] secretHash = SHA256.HashData(Encoding.UTF8.GetBytes(secrets[i]));
            if (CryptographicOperations.FixedTimeEquals(secretHash, presentedHash))
            {
                return i;
            }
        }

        return null;
    }

    public static bool HasAnySecret(IReadOnlyList<string> secrets) => secrets.Any(s => !string.IsNullOrEmpty(s));

    public static VerificationResult NoSecret() =>
        VerificationResult.Fail(VerificationFailure.NoSecret, "the hook has no secret configured; deliveries cannot be verified");

    private static bool TryFromHex(ReadOnlySpan<char> hex, out byte[] bytes)
    {
        bytes = new byte[hex.Length / 2];
        return Convert.FromHexString(hex, bytes, out _, out int written) == System.Buffers.OperationStatus.Done
            && written == bytes.Length;
    }
}
