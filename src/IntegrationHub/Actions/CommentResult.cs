namespace IntegrationHub.Actions;

/// <summary>The 201 answer of a comment or a reply: the provider's comment id, its web page when known, and where it went.</summary>
public sealed record CommentResult(string Id, string? Url, string Target, long? Number, string? Sha);
