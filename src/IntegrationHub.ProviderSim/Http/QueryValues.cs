using System.Globalization;

namespace IntegrationHub.ProviderSim.Http;

/// <summary>Lenient query parsing: bad numbers fall back to the default, as the providers mostly do.</summary>
internal static class QueryValues
{
    public static int Int(HttpRequest request, string name, int fallback, int min = 1, int max = int.MaxValue) =>
        int.TryParse(request.Query[name].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? Math.Clamp(v, min, max)
            : fallback;

    public static string? Str(HttpRequest request, string name)
    {
        var v = request.Query[name].ToString();
        return string.IsNullOrEmpty(v) ? null : v;
    }

    /// <summary>ISO-8601 instant or date (GitLab's <c>after=YYYY-MM-DD</c>); null when absent or unparsable.</summary>
    public static DateTimeOffset? Time(HttpRequest request, string name) =>
        DateTimeOffset.TryParse(Str(request, name), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
