namespace IntegrationHub.ProviderSim.Http;

/// <summary>
/// Absolute URLs are built from the incoming request's scheme and host, so links work on whatever port the
/// simulator was bound to (tests bind port 0).
/// </summary>
internal static class RequestOrigin
{
    public static string Of(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    public static string Of(HttpContext context) => Of(context.Request);

    /// <summary>The current URL with some query parameters replaced: the base of every pagination link.</summary>
    public static string WithQuery(HttpRequest request, IDictionary<string, string?> replace)
    {
        var query = request.Query.ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString(), StringComparer.Ordinal);
        foreach (var (key, value) in replace)
        {
            if (value is null) query.Remove(key); else query[key] = value;
        }

        var qs = string.Join("&", query.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value ?? "")));
        return $"{Of(request)}{request.PathBase}{request.Path}{(qs.Length > 0 ? "?" + qs : "")}";
    }
}
