namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Where a repository listing stands: the projects of the current projects page not yet listed (<c>P</c>), and the
/// continuation token of the next projects page (<c>T</c>). Serialized as base64url JSON: opaque to callers.
/// </summary>
internal sealed record AzureDevOpsCursorDto(string? T, List<string> P);
