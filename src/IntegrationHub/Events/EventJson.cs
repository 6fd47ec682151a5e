using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Transport;
namespace IntegrationHub.Events;

/// <summary>How normalized events are stored and served: camelCase, enums by name, nulls left out.</summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };
}
