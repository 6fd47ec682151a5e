using IntegrationHub.Providers.Api;

namespace IntegrationHub.Hooks;

/// <summary>
/// Which hooks at the provider are one connection's on one repository. A URL under our prefix proves nothing: two
/// tenants (a consultancy and its client, two teams in one Azure DevOps organization) may watch the same repository
/// through the same hub, and each one's hooks are under that prefix. So a hook is ours only when its id is one we
/// recorded on a hook row (for Azure DevOps, every subscription in the group is), or, for a registration that died
/// before its id was stored, when its URL is exactly one of those rows' URLs, which carry the row's own id.
/// </summary>
internal sealed class HookOwnership
{
    private readonly HashSet<string> _ids = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _urls = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds one hook row of the connection: its recorded provider id, if any, and the URLs that name it.</summary>
    public void Add(string? providerHookId, params IEnumerable<string> urls)
    {
        if (providerHookId is not null)
        {
            _ids.UnionWith(ProviderHook.IdParts(providerHookId));
        }

        _urls.UnionWith(urls);
    }

    public bool Owns(ProviderHook hook) =>
        (hook.Url is not null && _urls.Contains(hook.Url.AbsoluteUri))
        || (ProviderHook.IdParts(hook.Id) is { Count: > 0 } parts && parts.All(_ids.Contains));
}
