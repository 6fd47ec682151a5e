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
    char[] ScopeSeparators);
