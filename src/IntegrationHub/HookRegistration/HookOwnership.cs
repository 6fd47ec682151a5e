using IntegrationHub.Providers.Api;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// Which hooks at the provider are one connection's on one repository. A URL under our prefix proves nothing: two
/// tenants (a consultancy and its client, two teams in one Azure DevOps organization) may watch the same repository
/// through the same hub, and each one's hooks are under that prefix. So a hook is ours only when its id is one we
/// recorded on a hook row (for Azure DevOps, every subscription in the group is), or, for a registration that died
/// before its id was stored, when its URL is exactly one of those rows' URLs, which carry the row's own id. A URL under
/// our prefix that is none of them names another row's hook, whatever id we recorded: before hooks were told apart this
/// way, a tenant's registration could adopt another's hook and rewrite it to its own URL, leaving both rows with one id.
/// </summary>
internal sealed class HookOwnership(string prefix)
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

    public bool Owns(ProviderHook hook)
    {
        if (hook.Url is { } url && (_urls.Contains(url.AbsoluteUri) || IsOurs(url)))
        {
            return _urls.Contains(url.AbsoluteUri);
        }

        return ProviderHook.IdParts(hook.Id) is { Count: > 0 } parts && parts.All(_ids.Contains);
    }

    /// <summary>Whether the URL delivers to this hub (to some hook row of ours, this connection's or not).</summary>
    public bool IsOurs(Uri url) => url.AbsoluteUri.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
}
