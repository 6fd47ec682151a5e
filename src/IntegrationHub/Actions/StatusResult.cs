namespace IntegrationHub.Actions;

/// <summary>The 201 answer of a status: the provider's id and page when it gives them, and what was set.</summary>
public sealed record StatusResult(string? Id, string? Url, string Sha, string State, string Context);
