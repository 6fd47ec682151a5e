using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Tests.World;

/// <summary>Builds deliveries the way each provider sends them, from its real fixtures, signed with a given secret.</summary>
internal static class SignedDeliveries
{
    public static string Provider(Scheme scheme) => scheme switch
    {
        Scheme.GitHub => "github",
        Scheme.GitLabToken or Scheme.GitLabSigning => "gitlab",
        Scheme.BitbucketCloud => "bitbucket-cloud",
        Scheme.BitbucketDataCenter => "bitbucket-dc",
        _ => "azure-devops",
    };

    /// <summary>A fresh secret of the shape the scheme needs (GitLab signing tokens are <c>whsec_</c> + base64 of 32 bytes).</summary>
    public static string NewSecret(Scheme scheme) =>
        scheme == Scheme.GitLabSigning ? "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public static (string Fixture, string Event) Push(Scheme scheme) => scheme switch
    {
        Scheme.GitHub => ("github/push.new-branch.json", "push"),
        Scheme.GitLabToken or Scheme.GitLabSigning => ("gitlab/push_hook.json", "Push Hook"),
        Scheme.BitbucketCloud => ("bitbucket-cloud/repo_push.json", "repo:push"),
        Scheme.BitbucketDataCenter => ("bitbucket-server/repo_refs_changed.json", "repo:refs_changed"),
        _ => ("azure-devops/git.push.json", "git.push"),
    };

    /// <summary>
    /// A delivery of <paramref name="signedBody"/> signed with <paramref name="secret"/>; <paramref name="sentBody"/> (default: the same)
    /// is what goes on the wire, so a different one is a tampered body. <paramref name="sign"/> false leaves the auth header out.
    /// </summary>
    public static HttpRequestMessage Create(Scheme scheme, TestHook hook, byte[] signedBody, string eventName, string deliveryId,
        string? secret = null, byte[]? sentBody = null, bool sign = true)
    {
        secret ??= hook.Secret;
        if (scheme == Scheme.AzureDevOps)
        {
            // Azure DevOps names the delivery in the body (subscriptionId + notificationId); the doc samples leave both out.
            signedBody = WithAzureIds(signedBody, hook.Id, deliveryId);
            sentBody = sentBody is null ? null : WithAzureIds(sentBody, hook.Id, deliveryId);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, hook.Path) { Content = new ByteArrayContent(sentBody ?? signedBody) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        void H(string name, string value) => request.Headers.TryAddWithoutValidation(name, value);
        switch (scheme)
        {
            case Scheme.GitHub:
                H("X-GitHub-Event", eventName);
                H("X-GitHub-Delivery", deliveryId);
                if (sign) H("X-Hub-Signature-256", HexSignature(secret, signedBody));
                break;
            case Scheme.GitLabToken:
                H("X-Gitlab-Event", eventName);
                H("Idempotency-Key", deliveryId);
                H("X-Gitlab-Event-UUID", Guid.NewGuid().ToString());
                if (sign) H("X-Gitlab-Token", secret);
                break;
            case Scheme.GitLabSigning:
                H("X-Gitlab-Event", eventName);
                H("Idempotency-Key", deliveryId);
                long timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                H("webhook-id", deliveryId);
                H("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (sign)
                {
                    byte[] key = Convert.FromBase64String(secret["whsec_".Length..]);
                    byte[] signed = [.. Encoding.UTF8.GetBytes($"{deliveryId}.{timestamp}."), .. signedBody];
                    H("webhook-signature", "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed)));
                }

                break;
            case Scheme.BitbucketCloud:
                H("X-Event-Key", eventName);
                H("X-Request-UUID", deliveryId);
                if (sign) H("X-Hub-Signature", HexSignature(secret, signedBody));
                break;
            case Scheme.BitbucketDataCenter:
                H("X-Event-Key", eventName);
                H("X-Request-Id", deliveryId);
                if (sign) H("X-Hub-Signature", HexSignature(secret, signedBody));
                break;
            default:
                if (sign) H("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{hook.BasicUsername}:{secret}")));
                break;
        }

        return request;
    }

    public static byte[] WithAzureIds(byte[] body, Guid subscription, string notification)
    {
        int brace = Array.IndexOf(body, (byte)'{');
        byte[] ids = Encoding.UTF8.GetBytes($"\"subscriptionId\":\"{subscription}\",\"notificationId\":\"{notification}\",");
        return [.. body[..(brace + 1)], .. ids, .. body[(brace + 1)..]];
    }

    public static string HexSignature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
