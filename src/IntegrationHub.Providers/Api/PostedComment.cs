namespace IntegrationHub.Providers.Api;

/// <summary>A comment the provider accepted: its id as the provider names it, and the page that shows it when known.</summary>
public sealed record PostedComment(string Id, string? WebUrl);
