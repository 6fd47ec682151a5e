namespace IntegrationHub.Connect;

/// <summary>
/// A connection as the API shows it: who and where, its state and counts — never a token, secret or certificate.
/// <see cref="HooksToCreate"/>: watched repositories still waiting for their hook; <see cref="HookCreationMinutes"/>: about
/// how long they take at the pace the provider's content-creation limit allows (null when it sets none, or none wait).
/// </summary>
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
    DateTimeOffset CreatedAt,
    int HooksToCreate = 0,
    int? HookCreationMinutes = null);
