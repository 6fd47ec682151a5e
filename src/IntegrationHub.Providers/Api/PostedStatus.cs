namespace IntegrationHub.Providers.Api;

/// <summary>A status the provider accepted: its id when the provider gives one, and the page that shows it when known.</summary>
public sealed record PostedStatus(string? Id, string? WebUrl);
