namespace IntegrationHub.Providers.Api;

/// <summary>
/// One page of a listing. <paramref name="NextCursor"/> is opaque (store it as text and pass it back); null means
/// the listing is complete. A page can be empty while a cursor remains (Azure DevOps projects without repositories).
/// </summary>
public sealed record ProviderPage<T>(IReadOnlyList<T> Items, string? NextCursor, RateLimitSnapshot? RateLimit);
