using IntegrationHub.Data;

namespace IntegrationHub.Repositories;

/// <summary>
/// A connection as the Repositories page shows it: discovery progress, watch mode and sync mode. <see cref="HasToken"/> false:
/// webhook-only, so discovery, the poll and hook repair are off. <see cref="AppWebhook"/> true: a GitHub App connection,
/// whose app webhook covers its repositories (no hooks of its own, its token is the installation's).
/// </summary>
public sealed record ConnectionSummary(Guid Id, string DisplayName, string Provider, string Status, string WatchMode,
    string DiscoveryStatus, int DiscoveredCount, DateTimeOffset? DiscoveryStartedAt, DateTimeOffset? DiscoveryFinishedAt,
    string? DiscoveryError, int? RateLimitRemaining, DateTimeOffset? RateLimitResetAt, bool HasToken = true, string SyncMode = SyncModes.Hybrid,
    bool AppWebhook = false)
{
    /// <summary>Whether discovery and the poll can call the provider: a token, or an app installation's tokens minted when needed.</summary>
    public bool CallsProvider => HasToken || AppWebhook;
}
