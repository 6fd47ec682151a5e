using IntegrationHub.Providers.Api;

namespace IntegrationHub.ProviderAccess;

/// <summary>
/// Wraps a connection's API client: a 401 refreshes the token once (through the per-connection lock) and repeats the
/// call with a client holding the new token. A second 401 is the caller's to handle.
/// </summary>
internal sealed class RefreshingProviderApi(IProviderApi inner, Func<CancellationToken, Task<IProviderApi>> refresh) : IProviderApi
{
    private IProviderApi _inner = inner;

    public ProviderDescriptor Descriptor => _inner.Descriptor;
    public RateLimitSnapshot? LastRateLimit => _inner.LastRateLimit;

    public Task<ProviderUser> GetCurrentUserAsync(CancellationToken ct) => Call(a => a.GetCurrentUserAsync(ct), ct);
    public Task<ProviderPage<ProviderRepository>> ListRepositoriesAsync(string? cursor, CancellationToken ct) => Call(a => a.ListRepositoriesAsync(cursor, ct), ct);
    public Task<IReadOnlyList<ProviderHook>> ListHooksAsync(RepositoryRef repository, CancellationToken ct) => Call(a => a.ListHooksAsync(repository, ct), ct);
    public Task<ProviderHook?> GetHookAsync(RepositoryRef repository, string hookId, CancellationToken ct) => Call(a => a.GetHookAsync(repository, hookId, ct), ct);
    public Task<ProviderHook> CreateHookAsync(RepositoryRef repository, HookSpec spec, CancellationToken ct) => Call(a => a.CreateHookAsync(repository, spec, ct), ct);
    public Task<ProviderHook> UpdateHookAsync(RepositoryRef repository, string hookId, HookSpec spec, CancellationToken ct) => Call(a => a.UpdateHookAsync(repository, hookId, spec, ct), ct);
    public Task<bool> DeleteHookAsync(RepositoryRef repository, string hookId, CancellationToken ct) => Call(a => a.DeleteHookAsync(repository, hookId, ct), ct);
    public Task<ProviderHook> ReEnableHookAsync(RepositoryRef repository, string hookId, HookSpec spec, CancellationToken ct) => Call(a => a.ReEnableHookAsync(repository, hookId, spec, ct), ct);

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
            _inner = await refresh(ct);
            return await call(_inner);
        }
    }
}
