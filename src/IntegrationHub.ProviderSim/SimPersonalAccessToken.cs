namespace IntegrationHub.ProviderSim;

/// <summary>A personal access token to create at start (GitLab, Bitbucket DC, Azure DevOps; GitHub accepts them too).</summary>
public sealed class SimPersonalAccessToken
{
    public string Provider { get; set; } = "gitlab";

    /// <summary>Owner's login; empty means the provider's demo user.</summary>
    public string? User { get; set; }
    public string Token { get; set; } = "";
    public List<string> Scopes { get; set; } = [];
}
