namespace IntegrationHub.Repositories;

/// <summary>One normalized event of a repository, without its payload.</summary>
public sealed record RepositoryEventLine(
    long Id,
    string Kind,
    string Source,
    string? ActorLogin,
    string? HtmlUrl,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt);
