using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace IntegrationHub.Tests.Deploy;

/// <summary>YAML read into plain maps, lists and strings, with merge keys (`&lt;&lt;: *anchor`) applied.</summary>
internal static class Yaml
{
    public static Dictionary<object, object?> Map(string text)
    {
        var parser = new MergingParser(new Parser(new StringReader(text)));
        return new DeserializerBuilder().Build().Deserialize<Dictionary<object, object?>>(parser) ?? [];
    }

    /// <summary>Every document of a multi-document stream (empty documents left out).</summary>
    public static List<object?> Documents(string text)
    {
        // The plain parser first: a syntax error then says where it is (the merging parser reports only its own state).
        new YamlDotNet.RepresentationModel.YamlStream().Load(new StringReader(text));
        var parser = new MergingParser(new Parser(new StringReader(text)));
        var deserializer = new DeserializerBuilder().Build();
        var documents = new List<object?>();
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
        {
            documents.Add(deserializer.Deserialize(parser));
        }

        return documents;
    }

    public static Dictionary<object, object?> MapAt(this Dictionary<object, object?> map, string key) =>
        Assert.IsType<Dictionary<object, object?>>(map[key], exactMatch: false);

    public static List<object?> ListAt(this Dictionary<object, object?> map, string key) =>
        Assert.IsType<List<object?>>(map[key], exactMatch: false);

    public static string? StringAt(this Dictionary<object, object?> map, string key) =>
        map.TryGetValue(key, out var value) ? value as string : null;
}
