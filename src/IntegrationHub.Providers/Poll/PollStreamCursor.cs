namespace IntegrationHub.Providers.Poll;

/// <summary>Where one stream of one repository stands: the reader's own cursor text and the last ETag, either may be null.</summary>
public sealed record PollStreamCursor(string? Cursor, string? ETag);
