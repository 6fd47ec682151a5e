using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.Providers.Poll;

/// <summary>Small helpers the readers share: cursor times and maps kept in a cursor.</summary>
internal static class PollJson
{
    public static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t) ? t : null;

    public static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset? b) => b is { } v && v > a ? v : a;

    public static Dictionary<string, string> ReadMap(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return new(StringComparer.Ordinal);
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) is { } map
                ? new Dictionary<string, string>(map, StringComparer.Ordinal)
                : new(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return new(StringComparer.Ordinal);
        }
    }

    public static string WriteMap(IReadOnlyDictionary<string, string> map) => JsonSerializer.Serialize(map);
}
