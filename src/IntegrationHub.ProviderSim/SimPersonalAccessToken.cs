namespace IntegrationHub.ProviderSim;

/// <summary>A personal access token to create at start (GitLab, Bitbucket DC, Azure DevOps; GitHub accepts them too).</summary>
public sealed class SimPersonalAccessToken
{
    public string Provider { get; set; } = "gitlab";

    /// <summary>Owner's login; empty means the provider's demo user.</summary>
    public string? User { get; set; }
    public string Token { get; set; } = "";

    /// <summary>
    /// Scopes (GitHub classic, GitLab), or for a GitHub fine-grained token (<c>github_pat_…</c>) its permissions as
    /// <c>name:read</c>/<c>name:write</c>. Empty: the token may do anything.
    /// </summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>When the token stops working; null: never (GitHub and GitLab report it, see their token answers).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
