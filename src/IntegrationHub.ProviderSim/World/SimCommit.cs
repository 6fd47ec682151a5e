namespace IntegrationHub.ProviderSim.World;

internal sealed record SimCommit(
    string Sha,
    string? ParentSha,
    string Branch,
    string Message,
    long AuthorId,
    DateTimeOffset Timestamp,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Modified);
