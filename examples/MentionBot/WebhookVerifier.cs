using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MentionBot;

/// <summary>
/// The Standard Webhooks check (https://www.standardwebhooks.com): HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}"
/// with the bytes after "whsec_", sent base64 as "v1,&lt;sig&gt;"; several space-separated signatures (a rotating secret
/// sends the old and the new) where any one may match. Written out rather than taken from the StandardWebhooks
/// package: its 1.1.2 compares the whole header instead of the last of several signatures, which refuses rotations,
/// and it reads the system clock instead of a TimeProvider.
/// </summary>
internal sealed class WebhookVerifier
{
    /// <summary>Older (or newer) deliveries are refused, so a captured request cannot be replayed later.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private const string Prefix = "whsec_";
    private readonly byte[] _key;
    private readonly TimeProvider _clock;

    public WebhookVerifier(string secret, TimeProvider clock)
    {
        string trimmed = secret.Trim();
        _key = Convert.FromBase64String(trimmed.StartsWith(Prefix, StringComparison.Ordinal) ? trimmed[Prefix.Length..] : trimmed);
        _clock = clock;
    }

    /// <summary>Null when the delivery is genuine and fresh; otherwise why not (fails closed on anything missing or odd).</summary>
    public string? Check(string? id, string? timestamp, string? signatures, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
        {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return "webhook-timestamp is not unix seconds";
        }

        var age = _clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age > Tolerance || age < -Tolerance)
        {
            return "webhook-timestamp is more than 5 minutes away";
        }

        byte[] expected = Expected(id, timestamp, body);
        Span<byte> given = stackalloc byte[64];
        foreach (string candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Other versions (v1a: asymmetric) are skipped, as the scheme says; a malformed one is just not a match.
            if (candidate.StartsWith("v1,", StringComparison.Ordinal)
                && Convert.TryFromBase64String(candidate[3..], given, out int written)
                && CryptographicOperations.FixedTimeEquals(given[..written], expected))
            {
                return null;
            }
        }

        return "no signature matches";
    }

    private byte[] Expected(string id, string timestamp, ReadOnlySpan<byte> body)
    {
        byte[] prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        byte[] signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(_key, signed);
    }
}
