using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>
/// Payload variants (see Variants/SOURCES.md): published shapes kept under Variants/, and shapes derived in code from a shared
/// fixture by removing or moving a field. Both run through the provider's real normalizer at <see cref="FixtureAssert.ReceivedAt"/>.
/// </summary>
internal static class Variants
{
    /// <summary>A variant file's path, from a path under Variants/ (<c>gitlab/issue_hook….json</c>).</summary>
    public static string PathOf(string relativePath) =>
        Path.Combine(Path.GetDirectoryName(SourcePath()) ?? ".", "..", "Variants", relativePath);

    /// <summary>Normalizes a variant file.</summary>
    public static NormalizationResult File(ProviderKind provider, string relativePath, string? eventName = null) =>
        ProviderCatalog.For(provider).Normalizer.Normalize(eventName, System.IO.File.ReadAllBytes(PathOf(relativePath)), FixtureAssert.ReceivedAt);

    /// <summary>Normalizes a shared fixture after <paramref name="edit"/> removed or moved fields of a parsed copy (the file is untouched).</summary>
    public static NormalizationResult Derived(ProviderKind provider, string fixture, Action<JsonObject> edit, string? eventName = null) =>
        Edited(provider, Fixtures.Bytes(fixture), edit, eventName);

    /// <summary>Normalizes a variant file after <paramref name="edit"/> removed or moved fields of a parsed copy.</summary>
    public static NormalizationResult DerivedFromVariant(ProviderKind provider, string relativePath, Action<JsonObject> edit, string? eventName = null) =>
        Edited(provider, System.IO.File.ReadAllBytes(PathOf(relativePath)), edit, eventName);

    /// <summary>The object at a dotted path of <paramref name="root"/>.</summary>
    public static JsonObject At(this JsonObject root, string path)
    {
        JsonNode node = root;
        foreach (string segment in path.Split('.'))
        {
            node = int.TryParse(segment, out int index) ? node[index]! : node[segment]!;
        }

        return node.AsObject();
    }

    /// <summary>Removes the field at a dotted path (<c>project.id</c>), failing when the fixture has none there.</summary>
    public static void Drop(this JsonObject root, string path)
    {
        int dot = path.LastIndexOf('.');
        JsonObject parent = dot < 0 ? root : root.At(path[..dot]);
        Assert.True(parent.Remove(path[(dot + 1)..]), $"the fixture has no '{path}' to remove");
    }

    /// <summary>Moves the field at <paramref name="from"/> to <paramref name="to"/> (whose parent must exist).</summary>
    public static void Move(this JsonObject root, string from, string to)
    {
        int dot = from.LastIndexOf('.');
        JsonObject source = dot < 0 ? root : root.At(from[..dot]);
        JsonNode? value = source[from[(dot + 1)..]];
        Assert.NotNull(value);
        source.Remove(from[(dot + 1)..]);
        int toDot = to.LastIndexOf('.');
        (toDot < 0 ? root : root.At(to[..toDot]))[to[(toDot + 1)..]] = value;
    }

    /// <summary>The single event of a normalized result, failing with the reason when there is none.</summary>
    public static NormalizedEvent Single(NormalizationResult result)
    {
        Assert.True(result.Status == NormalizationStatus.Normalized, $"{result.Status}: {result.Reason}");
        return Assert.Single(result.Events);
    }

    private static NormalizationResult Edited(ProviderKind provider, byte[] body, Action<JsonObject> edit, string? eventName)
    {
        JsonObject root = JsonNode.Parse(body)!.AsObject();
        edit(root);
        return ProviderCatalog.For(provider).Normalizer.Normalize(eventName, Encoding.UTF8.GetBytes(root.ToJsonString()), FixtureAssert.ReceivedAt);
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;
}
