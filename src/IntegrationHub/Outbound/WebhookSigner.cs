using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Outbound;

/// <summary>
/// Standard Webhooks signatures (https://www.standardwebhooks.com, "Signature scheme"): base64 of HMAC-SHA256 over
/// "{webhook-id}.{webhook-timestamp}.{body}", keyed with the secret's bytes, as "v1,&lt;base64&gt;"; several keys (a
/// rotation's grace period) give several space-separated signatures, any of which a receiver may accept.
/// </summary>
public static class WebhookSigner
{
    public static string Sign(string messageId, long timestamp, byte[] body, IReadOnlyList<byte[]> keys)
    {
        byte[] prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{messageId}.{timestamp}."));
        byte[] signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed, prefix.Length);
        return string.Join(' ', keys.Select(key => "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed))));
    }
}
