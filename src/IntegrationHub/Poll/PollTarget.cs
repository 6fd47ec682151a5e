namespace IntegrationHub.Poll;

/// <summary>A claimed repository with what polling it needs: its connection, its live hook, and its schedule state.</summary>
/// <param name="RenewsToken">After a 401 a new token can be had: a refresh token, or a GitHub App installation's token minted again.</param>
internal sealed record PollTarget(
    Guid RepositoryId,
    Guid TenantId,
    Guid ConnectionId,
    string Provider,
    string BaseUrl,
    string ExternalId,
    string FullPath,
    string? ProjectId,
    string? DefaultBranch,
    DateTimeOffset WatchedSince,
    bool RenewsToken,
    string? ProjectKey,
    string? RepositorySlug,
    Guid? HookId,
    string? ProviderHookId,
    string? HookStatus,
    DateTimeOffset? HookLastDeliveryAt,
    DateTimeOffset NextPollAt,
    int ConsecutiveFailures,
    int? RateLimitRemaining,
    DateTimeOffset? RateLimitResetAt,
    int RepositoriesOnConnection)
{
    /// <summary>The lease this node holds, exactly as stored: writing the outcome first checks it is still this one.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    public string Host => Uri.TryCreate(BaseUrl, UriKind.Absolute, out Uri? u) ? u.Authority : BaseUrl;
}
