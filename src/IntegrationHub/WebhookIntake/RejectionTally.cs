namespace IntegrationHub.WebhookIntake;

/// <summary>Rejections of one (provider, hook, reason) counted in memory since the last flush; HookId is Guid.Empty for unknown hooks.</summary>
internal sealed record RejectionTally(string Provider, Guid HookId, string Reason, long Count, DateTimeOffset LastAt);
