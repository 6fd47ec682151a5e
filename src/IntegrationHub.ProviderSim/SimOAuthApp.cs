namespace IntegrationHub.ProviderSim;

/// <summary>
/// A pre-registered OAuth app. Redirect URIs match as each provider matches them: GitHub accepts the registered URL
/// or a subdirectory of it; GitLab and Bitbucket Cloud want an exact match.
/// </summary>
public sealed class SimOAuthApp
{
    /// <summary>github, gitlab or bitbucket.</summary>
    public string Provider { get; set; } = "github";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>Scopes ticked on the app (GitLab application, Bitbucket consumer). Empty: any scope is allowed.</summary>
    public List<string> Scopes { get; set; } = [];
}
