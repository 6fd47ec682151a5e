using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.OAuth;

/// <summary>How one provider's authorize endpoint behaves.</summary>
/// <param name="SupportsPkce">GitHub and GitLab verify S256 challenges; Bitbucket Cloud ignores them.</param>
/// <param name="SubdirectoryRedirects">GitHub accepts a redirect_uri below the registered callback URL.</param>
/// <param name="EnforceAppScopes">GitLab and Bitbucket refuse scopes not ticked on the app with invalid_scope.</param>
/// <param name="RedirectUriOptional">GitHub and Bitbucket fall back to the registered callback URL.</param>
internal sealed record AuthorizeRules(
    ProviderId Provider,
    bool SupportsPkce,
    bool SubdirectoryRedirects,
    bool EnforceAppScopes,
    bool RedirectUriOptional,
    char[] ScopeSeparators)
{
    /// <summary>GitHub sends a wrong redirect_uri to the app's registered callback with redirect_uri_mismatch instead of an error page.</summary>
    public bool MismatchRedirectsToCallback { get; init; }

    /// <summary>GitHub does not ask for <c>response_type=code</c>; the others answer unsupported_response_type without it.</summary>
    public bool ResponseTypeOptional { get; init; }

    /// <summary>
    /// GitHub lets the person edit the requested scopes, so a token may carry fewer than asked (even none): the
    /// <c>granted_scope</c> parameter plays that person.
    /// https://docs.github.com/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps#requested-scopes-and-granted-scopes
    /// </summary>
    public bool ScopesEditableByUser { get; init; }
}
