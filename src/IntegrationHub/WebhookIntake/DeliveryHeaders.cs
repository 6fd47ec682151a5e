using System.Text.Json;
using IntegrationHub.Transport;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// The headers kept with a stored delivery: the provider's (<c>WebhookFacts.KeptHeaders</c>: those that name the event and
/// the delivery) and ours below. An allow-list, so credentials never reach the table: not Authorization (Azure DevOps Basic
/// credentials), not X-Gitlab-Token (GitLab's secret in clear), not signatures (useless once verified).
/// </summary>
internal static class DeliveryHeaders
{
    private static readonly string[] Kept = ["Content-Type", "User-Agent"];

    /// <summary>All request headers, for the verifier and the delivery reader (which read only what they need).</summary>
    public static IEnumerable<KeyValuePair<string, string>> All(IHeaderDictionary headers) =>
        headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString()));

    /// <summary>The kept headers as a JSON object.</summary>
    public static string ToJson(IHeaderDictionary headers, IReadOnlyList<string> providerHeaders)
    {
        var kept = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in Kept.Concat(providerHeaders))
        {
            if (headers.TryGetValue(name, out var value) && value.Count > 0)
            {
                kept[name] = value.ToString();
            }
        }

        return JsonSerializer.Serialize(kept);
    }
}
