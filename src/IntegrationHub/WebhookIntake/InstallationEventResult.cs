namespace IntegrationHub.WebhookIntake;

/// <summary>What an installation event did (<see cref="InstallationEvents"/>): words for the delivery log, and whether the connection's repositories should be listed again once it is committed.</summary>
internal sealed record InstallationEventResult(string Note, bool Rediscover);
