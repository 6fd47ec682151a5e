using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.ProviderSim.Http;

/// <summary>Shared JSON helpers: timestamps in each provider's format and lenient body reading.</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>GitHub: <c>2019-05-15T15:20:41Z</c>.</summary>
    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>GitLab, Bitbucket, Azure: with milliseconds, <c>2019-05-15T15:20:41.123Z</c>.</summary>
    public static string IsoMs(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>Bitbucket Data Center: epoch milliseconds.</summary>
    public static long EpochMs(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    public static async Task<JsonObject> ReadObject(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: ct) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : o[name]?.ToJsonString();

    public static bool? Bool(JsonObject o, string name) =>
        o[name] is JsonValue v ? v.TryGetValue<bool>(out var b) ? b
            : v.TryGetValue<string>(out var s) && bool.TryParse(s, out var p) ? p : null : null;

    public static JsonArray Array(IEnumerable<JsonNode?> items) => new(items.ToArray());

    public static JsonArray Strings(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
}
