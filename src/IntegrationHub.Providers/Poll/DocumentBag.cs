using System.Text.Json;

namespace IntegrationHub.Providers.Poll;

/// <summary>Keeps parsed answers alive while their elements are used across streams, and disposes them together.</summary>
internal sealed class DocumentBag : IDisposable
{
    private readonly List<JsonDocument> _documents = [];

    public JsonDocument Add(JsonDocument document)
    {
        _documents.Add(document);
        return document;
    }

    public void Dispose()
    {
        foreach (JsonDocument d in _documents)
        {
            d.Dispose();
        }
    }
}
