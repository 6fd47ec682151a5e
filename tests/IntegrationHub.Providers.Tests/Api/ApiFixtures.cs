using System.Text.Json.Nodes;

namespace IntegrationHub.Providers.Tests.Api;

/// <summary>API fixtures under <c>../shared/fixtures/&lt;provider&gt;/api/</c>, as text or JSON, plus pages built from their shapes.</summary>
internal static class ApiFixtures
{
    public static string Text(string relativePath) => File.ReadAllText(Fixtures.PathOf(relativePath));

    public static JsonNode Json(string relativePath) => JsonNode.Parse(Text(relativePath))!;

    /// <summary><paramref name="count"/> copies of a fixture item, each given its own id and names by <paramref name="vary"/>.</summary>
    public static JsonArray Copies(JsonNode template, int first, int count, Action<JsonObject, int> vary)
    {
        JsonArray array = [];
        for (int i = first; i < first + count; i++)
        {
            JsonObject copy = template.DeepClone().AsObject();
            vary(copy, i);
            array.Add(copy);
        }

        return array;
    }
}
