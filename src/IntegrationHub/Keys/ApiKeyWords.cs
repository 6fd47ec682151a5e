using IntegrationHub.Api;

namespace IntegrationHub.Keys;

/// <summary>What the API keys page and its endpoint say, in one place.</summary>
internal static class ApiKeyWords
{
    public static readonly string Invalid = $"Give the key a name (1 to {ApiKeyService.MaxNameLength} characters) and at least one scope.";
}
