using System.Text.Json.Nodes;

namespace IntegrationHub.Providers.Tests.Api;

internal sealed record RecordedRequest(HttpMethod Method, Uri Url, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    public JsonNode JsonBody() => JsonNode.Parse(Body ?? throw new InvalidOperationException("no body"))!;

    public Dictionary<string, string> FormBody() =>
        (Body ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(kv => Uri.UnescapeDataString(kv[0]), kv => Uri.UnescapeDataString(kv[1].Replace('+', ' ')));
}
