using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.Tests.Webhooks;

/// <summary>Builds deliveries for verifier tests, signing them the way the providers do.</summary>
internal static class Deliveries
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static WebhookRequest Request(string body, params (string Name, string Value)[] headers) =>
        Request(Encoding.UTF8.GetBytes(body), headers);

    public static WebhookRequest Request(byte[] body, params (string Name, string Value)[] headers) =>
        new(headers.Select(h => KeyValuePair.Create(h.Name, h.Value)), body);

    /// <summary><c>sha256=</c> + hex HMAC-SHA256 of the body, as GitHub and Bitbucket sign.</summary>
    public static string HubSignature(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <summary>A Standard Webhooks <c>v1,</c> signature of <c>{id}.{timestamp}.{body}</c> under a <c>whsec_</c> secret.</summary>
    public static string SigningSignature(string whsecSecret, string id, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(
            Convert.FromBase64String(whsecSecret["whsec_".Length..]),
            Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));

    public static string Basic(string userColonPassword) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userColonPassword));
}
