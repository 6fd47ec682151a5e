using System.Text.Json;

namespace IntegrationHub.Transport;

/// <summary>A well-formedness check that reads the body once without building a document.</summary>
internal static class Json
{
    public static bool IsWellFormed(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return false;
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
