namespace IntegrationHub.Providers.Api;

/// <summary>
/// Repository hook create, read, update and delete, written once for the providers whose hooks are a plain REST
/// collection (GitHub, GitLab, Bitbucket Cloud and Data Center); each brings its <see cref="HookResource{TDto}"/>.
/// A hook that is gone reads as null (get) or false (delete): 404 and 410 alike.
/// </summary>
internal sealed class HookApi<TDto>(ApiTransport api, HookResource<TDto> resource) : IRepositoryHooks
{
    public async Task<IReadOnlyList<ProviderHook>> ListAsync(RepositoryRef repository, CancellationToken cancellationToken)
    {
        List<TDto> hooks = await resource.ListAll(api, resource.CollectionPath(repository), cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = api.Time.GetUtcNow();
        return [.. hooks.Select(h => resource.ToHook(h, now))];
    }

    public async Task<ProviderHook?> GetAsync(RepositoryRef repository, string hookId, CancellationToken cancellationToken)
    {
        ApiResponse? response = await api.TrySendAsync(HttpMethod.Get, HookUrl(repository, hookId), null, notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
        return response is null ? null : Read(response);
    }

    public async Task<ProviderHook> CreateAsync(RepositoryRef repository, HookSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var body = (resource.CreateBody ?? resource.Body)(spec);
        return Read(await api.SendAsync(HttpMethod.Post, api.Api(resource.CollectionPath(repository)), body, cancellationToken).ConfigureAwait(false));
    }

    public async Task<ProviderHook> UpdateAsync(RepositoryRef repository, string hookId, HookSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Read(await api.SendAsync(resource.UpdateMethod, HookUrl(repository, hookId), resource.Body(spec), cancellationToken).ConfigureAwait(false));
    }

    public async Task<bool> DeleteAsync(RepositoryRef repository, string hookId, CancellationToken cancellationToken) =>
        await api.TrySendAsync(HttpMethod.Delete, HookUrl(repository, hookId), null, notFoundIsNull: true, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Writes the whole spec back switched on: providers mask secrets on read, so the spec, not what was read, is sent.</summary>
    public async Task<ProviderHook> ReEnableAsync(RepositoryRef repository, string hookId, HookSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ProviderHook updated = await UpdateAsync(repository, hookId, spec with { Active = true }, cancellationToken).ConfigureAwait(false);
        if (resource.ReEnableTrigger is not { } trigger)
        {
            return updated;
        }

        await api.SendAsync(HttpMethod.Post, api.Api($"{resource.CollectionPath(repository)}/{BaseUrls.Segment(hookId)}/{trigger}"), null, cancellationToken).ConfigureAwait(false);
        return await GetAsync(repository, hookId, cancellationToken).ConfigureAwait(false)
            ?? throw new ProviderApiException(api.Descriptor.Kind, ProviderApiErrorKind.NotFound, $"{api.Descriptor.Slug}: hook {hookId} vanished while being re-enabled");
    }

    /// <summary>One hook of the collection; ids are escaped as one segment (Bitbucket Cloud uuids keep their braces as %7B…%7D).</summary>
    public Uri HookUrl(RepositoryRef repository, string hookId) =>
        api.Api($"{resource.CollectionPath(repository)}/{BaseUrls.Segment(hookId)}");

    private ProviderHook Read(ApiResponse response) => resource.ToHook(api.Read<TDto>(response, resource.Json), api.Time.GetUtcNow());
}
