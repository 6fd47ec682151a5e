namespace IntegrationHub.Repositories;

/// <summary>
/// One poll stream of a repository (events feed, pull requests, ...): where its cursor stands and how old it is. A
/// cursor only advances after the events it covered are stored, so an old cursor on a busy repository means a stuck stream.
/// </summary>
public sealed record RepositoryPollStream(string Stream, string? Cursor, bool HasEtag, DateTimeOffset UpdatedAt, TimeSpan Age);
