namespace IntegrationHub.Connect;

/// <summary>A connection as the API shows it: who and where, its state and counts — never a token, secret or certificate.</summary>
public sealed record ConnectionJson(
    Guid Id,
    string Provider,
    string DisplayName,
    string Account,
    string BaseUrl,
    string Status,
    string? StatusReason,
    string AuthKind,
    string WatchMode,
    string SyncMode,
    string DiscoveryStatus,
    int Repositories,
    int RegisteredHooks,
    DateTimeOffset CreatedAt);
