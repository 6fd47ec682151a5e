namespace IntegrationHub.ProviderSim.Control;

/// <summary>
/// <c>POST /_sim/seed</c>: <see cref="Owners"/> owners (GitHub organizations, GitLab groups, Bitbucket workspaces,
/// Bitbucket DC projects, Azure DevOps projects in <see cref="Organization"/>) with <see cref="ReposPerOwner"/>
/// repositories each, visible to <see cref="Users"/> (default: the demo user).
/// </summary>
internal sealed record SeedRequest
{
    /// <summary>A provider slug; none means the first registered provider.</summary>
    public string? Provider { get; init; }
    public int Owners { get; init; } = 1;
    public int ReposPerOwner { get; init; } = 10;
    public string OwnerPrefix { get; init; } = "org";
    public string RepoPrefix { get; init; } = "repo";
    public List<string>? OwnerNames { get; init; }
    public List<string>? Users { get; init; }
    public string? Organization { get; init; }
    public bool Private { get; init; } = true;
}
