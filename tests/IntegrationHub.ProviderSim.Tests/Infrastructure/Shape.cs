using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.ProviderSim.Tests.Infrastructure;

/// <summary>
/// Compares the shape of simulator JSON with real fixtures. Every path in the simulator output must exist in one of
/// the fixtures with the same JSON value kind (null on either side is accepted: the fields are nullable), and every
/// key path listed must exist in the output. Array items collapse to <c>[]</c>: <c>pull_request.labels[].name</c>.
/// </summary>
internal static class Shape
{
    public static void Matches(JsonNode? actual, string[] fixtureFiles, string[] keyPaths, string[]? allowedExtras = null, string? fixtureRoot = null)
    {
        var expected = new Dictionary<string, HashSet<JsonValueKind>>(StringComparer.Ordinal);
        foreach (var file in fixtureFiles)
        {
            var node = Fixtures.Load(file);
            if (fixtureRoot is not null) node = Select(node, fixtureRoot) ?? throw new InvalidDataException($"{file} has no {fixtureRoot}");
            Collect(node, "", expected);
        }

        var got = new Dictionary<string, HashSet<JsonValueKind>>(StringComparer.Ordinal);
        Collect(actual, "", got);
        var problems = new List<string>();
        foreach (var (path, kinds) in got)
        {
            if (path.Length == 0) continue;
            if (allowedExtras?.Any(x => path == x || path.StartsWith(x + ".", StringComparison.Ordinal) || path.StartsWith(x + "[]", StringComparison.Ordinal)) == true) continue;
            if (!expected.TryGetValue(path, out var want))
            {
                problems.Add($"extra path '{path}' ({string.Join("|", kinds)}) not in {string.Join(", ", fixtureFiles)}");
                continue;
            }

            var a = kinds.Where(k => k != JsonValueKind.Null).ToHashSet();
            var w = want.Where(k => k != JsonValueKind.Null).ToHashSet();
            if (a.Count > 0 && w.Count > 0 && !a.Overlaps(w))
            {
                problems.Add($"'{path}' is {string.Join("|", a)} but the fixture has {string.Join("|", w)}");
            }
        }

        foreach (var key in keyPaths)
        {
            if (!got.ContainsKey(key)) problems.Add($"key path '{key}' missing from the simulator output");
            if (!expected.ContainsKey(key)) problems.Add($"key path '{key}' is not in the fixture either (test bug)");
        }

        Assert.True(problems.Count == 0, "Shape drift:\n" + string.Join("\n", problems));
    }

    /// <summary>A sub-node by dotted path; <c>[0]</c> picks an array item.</summary>
    public static JsonNode? Select(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = part.StartsWith('[') ? node?[int.Parse(part[1..^1], System.Globalization.CultureInfo.InvariantCulture)] : node?[part];
        }

        return node;
    }

    private static void Collect(JsonNode? node, string path, Dictionary<string, HashSet<JsonValueKind>> into)
    {
        var kind = node?.GetValueKind() ?? JsonValueKind.Null;
        if (kind is JsonValueKind.True or JsonValueKind.False) kind = JsonValueKind.True;
        if (!into.TryGetValue(path, out var set)) into[path] = set = [];
        set.Add(kind);
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o) Collect(v, path.Length == 0 ? k : path + "." + k, into);
                break;
            case JsonArray a:
                foreach (var item in a) Collect(item, path + "[]", into);
                break;
        }
    }
}
