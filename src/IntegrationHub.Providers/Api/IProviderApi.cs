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

    /// <summary>
    /// The token's account and what the provider reports about the token itself (scopes, expiry): how a pasted personal
    /// access token is checked before it is stored. Providers that report nothing answer the user with null facts.
    /// </summary>
    Task<TokenFacts> DescribeTokenAsync(CancellationToken cancellationToken);

    /// <summary>One page of the repositories the connection can see. Pass null first, then each page's cursor until it is null.</summary>
    Task<ProviderPage<ProviderRepository>> ListRepositoriesAsync(string? cursor, CancellationToken cancellationToken);

    /// <summary>The hooks on the connection's repositories.</summary>
    IRepositoryHooks Hooks { get; }

    /// <summary>
    /// Posts a Markdown comment with the connection's token. A target kind the provider does not have fails with
    /// <see cref="ProviderApiErrorKind.Rejected"/> before any call (check <see cref="ProviderDescriptor.CommentTargets"/> first).
    /// </summary>
    Task<PostedComment> CreateCommentAsync(RepositoryRef repository, CommentTarget target, string markdown, CancellationToken cancellationToken);

    /// <summary>Sets a commit (build) status on <see cref="StatusSpec.Sha"/>.</summary>
    Task<PostedStatus> SetCommitStatusAsync(RepositoryRef repository, StatusSpec status, CancellationToken cancellationToken);
}
