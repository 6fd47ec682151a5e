using System.Text.Json;

namespace IntegrationHub.Providers.Api;

/// <summary>Serializer options for provider DTOs: GitHub, GitLab and Bitbucket Cloud speak snake_case; Bitbucket DC and Azure camelCase.</summary>
internal static class ProviderJson
{
    public static JsonSerializerOptions SnakeCase { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static JsonSerializerOptions CamelCase { get; } = new(JsonSerializerDefaults.Web);
}
