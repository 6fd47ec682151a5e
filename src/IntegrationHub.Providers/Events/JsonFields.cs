using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.Providers.Events;

/// <summary>
/// Null-tolerant reads of dotted paths (<c>pull_request.head.sha</c>, <c>links.self.0.href</c>) in webhook bodies.
/// Provider payloads are full of nulls and fields that come and go between versions, so a missing or null field
/// reads as null; only the <c>Require*</c> reads throw, with the path in the message.
/// </summary>
internal static class JsonFields
{
    public static JsonElement? Get(this JsonElement element, string path)
    {
        JsonElement current = element;
        foreach (string segment in path.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out JsonElement child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array
                && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }

    /// <summary>A string, or the raw text of a number or boolean (ids are numbers at one provider and strings at another).</summary>
    public static string? Str(this JsonElement element, string path) => element.Get(path) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } v => v.GetRawText(),
        _ => null,
    };

    /// <summary>Like <see cref="Str"/>, but blank strings read as null too.</summary>
    public static string? Text(this JsonElement element, string path) =>
        element.Str(path) is { } s && !string.IsNullOrWhiteSpace(s) ? s : null;

    public static long? Long(this JsonElement element, string path) => element.Get(path) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out long value) => value,
        { ValueKind: JsonValueKind.String } s when long.TryParse(s.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) => value,
        _ => null,
    };

    public static bool? Bool(this JsonElement element, string path) => element.Get(path) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    /// <summary>A date in any of the providers' string formats, or null.</summary>
    public static DateTimeOffset? Date(this JsonElement element, string path) => ProviderDates.Parse(element.Str(path));

    /// <summary>A date given as Unix seconds (GitHub <c>repository.pushed_at</c> in push payloads) or milliseconds (Bitbucket Data Center).</summary>
    public static DateTimeOffset? UnixDate(this JsonElement element, string path, bool milliseconds) =>
        element.Get(path) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt64(out long value)
            ? milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.FromUnixTimeSeconds(value)
            : null;

    public static IEnumerable<JsonElement> Array(this JsonElement element, string path) =>
        element.Get(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    public static string RequireStr(this JsonElement element, string path) =>
        element.Text(path) ?? throw new PayloadException($"missing required field '{path}'");

    public static long RequireLong(this JsonElement element, string path) =>
        element.Long(path) ?? throw new PayloadException($"missing or non-integer required field '{path}'");
}
