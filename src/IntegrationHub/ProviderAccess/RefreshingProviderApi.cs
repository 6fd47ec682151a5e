using IntegrationHub.Providers.Api;

namespace IntegrationHub.ProviderAccess;

/// <summary>
/// Wraps a connection's API client: a 401 refreshes the token once (through the per-connection lock) and repeats the
/// call with a client holding the new token. A second 401 is the caller's to handle.
/// </summary>
internal sealed class RefreshingProviderApi : IProviderApi
{
    private readonly Func<CancellationToken, Task<IProviderApi>> _refresh;
    private IProviderApi _inner;

    public RefreshingProviderApi(IProviderApi inner, Func<CancellationToken, Task<IProviderApi>> refresh)
    {
        _inner = inner;
        _refresh = refresh;
        Hooks = new RefreshingHooks(this);
    }

    public ProviderDescriptor Descriptor => _inner.Descriptor;
    public RateLimitSnapshot? LastRateLimit => _inner.LastRateLimit;
    public IRepositoryHooks Hooks { get; }

    public Task<ProviderUser> GetCurrentUserAsync(CancellationToken ct) => Call(a => a.GetCurrentUserAsync(ct), ct);
    public Task<TokenFacts> DescribeTokenAsync(CancellationToken ct) => Call(a => a.DescribeTokenAsync(ct), ct);
    public Task<ProviderPage<ProviderRepository>> ListRepositoriesAsync(string? cursor, CancellationToken ct) => Call(a => a.ListRepositoriesAsync(cursor, ct), ct);

    // A 401 means the provider wrote nothing, so repeating a write after the refresh cannot post twice.
    public Task<PostedComment> CreateCommentAsync(RepositoryRef repository, CommentTarget target, string markdown, CancellationToken ct) => Call(a => a.CreateCommentAsync(repository, target, markdown, ct), ct);
    public Task<PostedStatus> SetCommitStatusAsync(RepositoryRef repository, StatusSpec status, CancellationToken ct) => Call(a => a.SetCommitStatusAsync(repository, status, ct), ct);

    private async Task<T> Call<T>(Func<IProviderApi, Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call(_inner);
        }
        catch (ProviderApiException ex) when (ex.Kind == ProviderApiErrorKind.Unauthorized)
        {
            _inner = await _refresh(ct);
            return await call(_inner);
        }
    }

    /// <summary>The hooks through the same refresh-and-repeat, always on the current client's hooks.</summary>
    private sealed class RefreshingHooks(RefreshingProviderApi api) : IRepositoryHooks
    {
        public Task<IReadOnlyList<ProviderHook>> ListAsync(RepositoryRef repository, CancellationToken ct) => api.Call(a => a.Hooks.ListAsync(repository, ct), ct);
        public Task<ProviderHook?> GetAsync(RepositoryRef repository, string hookId, CancellationToken ct) => api.Call(a => a.Hooks.GetAsync(repository, hookId, ct), ct);
        public Task<ProviderHook> CreateAsync(RepositoryRef repository, HookSpec spec, CancellationToken ct) => api.Call(a => a.Hooks.CreateAsync(repository, spec, ct), ct);
        public Task<ProviderHook> UpdateAsync(RepositoryRef repository, string hookId, HookSpec spec, CancellationToken ct) => api.Call(a => a.Hooks.UpdateAsync(repository, hookId, spec, ct), ct);
        public Task<bool> DeleteAsync(RepositoryRef repository, string hookId, CancellationToken ct) => api.Call(a => a.Hooks.DeleteAsync(repository, hookId, ct), ct);
        public Task<ProviderHook> ReEnableAsync(RepositoryRef repository, string hookId, HookSpec spec, CancellationToken ct) => api.Call(a => a.Hooks.ReEnableAsync(repository, hookId, spec, ct), ct);
    }
}
