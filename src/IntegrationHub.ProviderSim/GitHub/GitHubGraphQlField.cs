using System.Text.Json.Nodes;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// One field of a parsed selection set: <c>alias: name(arguments) { selections }</c>. Arguments are already resolved
/// (variables substituted, enums as strings); <see cref="Selections"/> is null for a leaf. An inline fragment
/// (<c>... on Commit { selections }</c>) is an entry named <c>...</c> with its type condition in <see cref="On"/>.
/// </summary>
internal sealed record GitHubGraphQlField(
    string? Alias,
    string Name,
    IReadOnlyDictionary<string, JsonNode?> Arguments,
    IReadOnlyList<GitHubGraphQlField>? Selections,
    int Line,
    int Column)
{
    /// <summary>The type condition of an inline fragment; null for a field.</summary>
    public string? On { get; init; }

    /// <summary>The key of this field in the answer.</summary>
    public string Key => Alias ?? Name;

    public JsonObject Location => new() { ["line"] = Line, ["column"] = Column };

    public string? Str(string argument) =>
        Arguments.GetValueOrDefault(argument) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public int? Int(string argument) =>
        Arguments.GetValueOrDefault(argument) is JsonValue v && v.TryGetValue<long>(out var n) ? (int)Math.Clamp(n, int.MinValue, int.MaxValue) : null;
}
