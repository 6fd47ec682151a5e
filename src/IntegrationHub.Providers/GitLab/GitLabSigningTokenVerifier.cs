using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitLab;

/// <summary>GitLab's signing-token scheme (Standard Webhooks v1), split out of <see cref="GitLabWebhookVerifier"/>.</summary>
internal static class GitLabSigningTokenVerifier
{
    private const string SecretPrefix = "whsec_";

    public static VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        string? id = request.NonBlankHeader(GitLabWebhookVerifier.IdHeader);
        string? timestamp = request.NonBlankHeader(GitLabWebhookVerifier.TimestampHeader);
        string? signatureHeader = request.NonBlankHeader(GitLabWebhookVerifier.SignatureHeader);
        if (id is null || timestamp is null || signatureHeader is null)
        {
            return VerificationResult.Fail(VerificationFailure.MissingHeader, "a signed delivery needs webhook-id, webhook-timestamp and webhook-signature");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return VerificationResult.Fail(VerificationFailure.MalformedHeader, "webhook-timestamp is not Unix seconds");
        }

        List<byte[]> signatures = ParseSignatures(signatureHeader);
        if (signatures.Count == 0)
        {
            return VerificationResult.Fail(VerificationFailure.MalformedHeader, "webhook-signature holds no v1,<base64> signature");
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return VerificationResult.Fail(VerificationFailure.StaleTimestamp, "webhook-timestamp is outside the 5-minute tolerance");
        }

        byte[] signed = [.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. request.Body.Span];
        bool anyKey = false;
        for (int i = 0; i < secrets.Count; i++)
        {
            if (TryKey(secrets[i]) is not { } key)
            {
                continue;
            }

            anyKey = true;
            byte[] expected = HMACSHA256.HashData(key, signed);
            foreach (byte[] presented in signatures)
            {
                if (CryptographicOperations.FixedTimeEquals(expected, presented))
                {
                    return VerificationResult.Valid(i);
                }
            }
        }

        return anyKey
            ? VerificationResult.Fail(VerificationFailure.BadSignature, "webhook-signature matches no accepted signing secret")
            : VerificationResult.Fail(VerificationFailure.NoSecret, "the delivery is signed but the hook has no whsec_ signing secret");
    }

    /// <summary>Several space-separated <c>v1,&lt;base64&gt;</c> entries may be present (GitLab sends more during key rotation); other versions are skipped.</summary>
    private static List<byte[]> ParseSignatures(string header)
    {
        var result = new List<byte[]>();
        foreach (string entry in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int comma = entry.IndexOf(',');
            if (comma < 0 || entry[..comma] != "v1")
            {
                continue;
            }

            byte[] buffer = new byte[HMACSHA256.HashSizeInBytes];
            if (Convert.TryFromBase64String(entry[(comma + 1)..], buffer, out int written) && written == buffer.Length)
            {
                result.Add(buffer);
            }
        }

        return result;
    }

    private static byte[]? TryKey(string? secret)
    {
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length == SecretPrefix.Length)
        {
            return null;
        }

        string encoded = secret[SecretPrefix.Length..];
        byte[] buffer = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, buffer, out int written) && written > 0 ? buffer[..written] : null;
    }
}
