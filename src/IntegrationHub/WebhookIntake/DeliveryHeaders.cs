using System.Text.Json;
using IntegrationHub.Data;
using IntegrationHub.Transport;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// The headers kept with a stored delivery: those that name the event and the delivery, and help an operator explain it.
/// An allow-list, so credentials never reach the table: not Authorization (Azure DevOps Basic credentials), not
/// X-Gitlab-Token (GitLab's secret in clear), not signatures (useless once verified).
/// </summary>
internal static class DeliveryHeaders
{
    private static readonly string[] Kept =
    [
        "Content-Type", "User-Agent",
        "X-GitHub-Event", "X-GitHub-Delivery", "X-GitHub-Hook-ID", "X-GitHub-Hook-Installation-Target-Type", "X-GitHub-Hook-Installation-Target-ID",
        "X-Gitlab-Event", "X-Gitlab-Instance", "X-Gitlab-Webhook-UUID", "X-Gitlab-Event-UUID", "Idempotency-Key", "webhook-id", "webhook-timestamp",
        "X-Event-Key", "X-Hook-UUID", "X-Request-UUID", "X-Attempt-Number", "X-Request-Id",
    ];

    /// <summary>All request headers, for the verifier and the delivery reader (which read only what they need).</summary>
    public static IEnumerable<KeyValuePair<string, string>> All(IHeaderDictionary headers) =>
        headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString()));

    /// <summary>The kept headers as a JSON object.</summary>
    public static string ToJson(IHeaderDictionary headers)
    {
        var kept = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in Kept)
        {
            if (headers.TryGetValue(name, out var value) && value.Count > 0)
            {
                kept[name] = value.ToString();
            }
        }

        return JsonSerializer.Serialize(kept);
    }
}
