namespace IntegrationHub.Repositories;

/// <summary>One page of GET /api/v1/repositories; <see cref="Next"/> is the <c>after</c> of the next page, null on the last.</summary>
public sealed record RepositoryPage(IReadOnlyList<RepositoryJson> Data, string? Next);
