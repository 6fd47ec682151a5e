namespace IntegrationHub.Providers.Api;

/// <summary>
/// The hooks on a connection's repositories (repository webhooks; Azure DevOps service-hook subscriptions scoped to the
/// repository). Written once for the REST-collection providers (<see cref="HookApi{TDto}"/>); Azure DevOps has its own.
/// </summary>
public interface IRepositoryHooks
{
    /// <summary>All hooks on the repository (every page).</summary>
    Task<IReadOnlyList<ProviderHook>> ListAsync(RepositoryRef repository, CancellationToken cancellationToken);

    /// <summary>The hook, or null when it no longer exists.</summary>
    Task<ProviderHook?> GetAsync(RepositoryRef repository, string hookId, CancellationToken cancellationToken);

    Task<ProviderHook> CreateAsync(RepositoryRef repository, HookSpec spec, CancellationToken cancellationToken);

    /// <summary>Replaces URL, secret, events and active flag. The returned hook's id may differ for Azure DevOps (subscriptions added or removed).</summary>
    Task<ProviderHook> UpdateAsync(RepositoryRef repository, string hookId, HookSpec spec, CancellationToken cancellationToken);

    /// <summary>True when deleted, false when it was already gone.</summary>
    Task<bool> DeleteAsync(RepositoryRef repository, string hookId, CancellationToken cancellationToken);

    /// <summary>
    /// Brings a disabled hook back (GitLab auto-disabled, Azure on probation or disabled by the system, inactive).
    /// Takes the full spec because providers mask secrets on read: writing back what we read would erase the secret.
    /// </summary>
    Task<ProviderHook> ReEnableAsync(RepositoryRef repository, string hookId, HookSpec spec, CancellationToken cancellationToken);
}
