namespace IntegrationHub.Providers.Api;

/// <summary>
/// The hub's view of one provider connection: who the token is, which repositories it sees, and the hooks on them.
/// Every failure is a <see cref="ProviderApiException"/>; nothing here sleeps or retries — on
/// <see cref="ProviderApiErrorKind.RateLimited"/> the caller reschedules at <see cref="ProviderApiException.RetryAt"/>.
/// Create with <c>ProviderCatalog.For(kind).CreateApi(…)</c>.
/// </summary>
public interface IProviderApi
{
    ProviderDescriptor Descriptor { get; }

    /// <summary>Rate-limit state from the latest answer that carried the headers; null until then.</summary>
    RateLimitSnapshot? LastRateLimit { get; }

    /// <summary>The token's account; also how a PAT or a fresh OAuth token is validated.</summary>
    Task<ProviderUser> GetCurrentUserAsync(CancellationToken cancellationToken);

    /// <summary>One page of the repositories the connection can see. Pass null first, then each page's cursor until it is null.</summary>
    Task<ProviderPage<ProviderRepository>> ListRepositoriesAsync(string? cursor, CancellationToken cancellationToken);

    /// <summary>All hooks on the repository (every page).</summary>
    Task<IReadOnlyList<ProviderHook>> ListHooksAsync(RepositoryRef repository, CancellationToken cancellationToken);

    /// <summary>The hook, or null when it no longer exists.</summary>
    Task<ProviderHook?> GetHookAsync(RepositoryRef repository, string hookId, CancellationToken cancellationToken);

    Task<ProviderHook> CreateHookAsync(RepositoryRef repository, HookSpec spec, CancellationToken cancellationToken);

    /// <summary>Replaces URL, secret, events and active flag. The returned hook's id may differ for Azure DevOps (subscriptions added or removed).</summary>
    Task<ProviderHook> UpdateHookAsync(RepositoryRef repository, string hookId, HookSpec spec, CancellationToken cancellationToken);

    /// <summary>True when deleted, false when it was already gone.</summary>
    Task<bool> DeleteHookAsync(RepositoryRef repository, string hookId, CancellationToken cancellationToken);

    /// <summary>
    /// Brings a disabled hook back (GitLab auto-disabled, Azure on probation or disabled by the system, inactive).
    /// Takes the full spec because providers mask secrets on read: writing back what we read would erase the secret.
    /// </summary>
    Task<ProviderHook> ReEnableHookAsync(RepositoryRef repository, string hookId, HookSpec spec, CancellationToken cancellationToken);

    /// <summary>
    /// Posts a Markdown comment with the connection's token. A target kind the provider does not have fails with
    /// <see cref="ProviderApiErrorKind.Rejected"/> before any call (check <see cref="ProviderDescriptor.CommentTargets"/> first).
    /// </summary>
    Task<PostedComment> CreateCommentAsync(RepositoryRef repository, CommentTarget target, string markdown, CancellationToken cancellationToken);

    /// <summary>Sets a commit (build) status on <see cref="StatusSpec.Sha"/>.</summary>
    Task<PostedStatus> SetCommitStatusAsync(RepositoryRef repository, StatusSpec status, CancellationToken cancellationToken);
}
