namespace IntegrationHub.ProviderSim.World;

/// <summary>A pull request (GitHub, Bitbucket, Azure) or merge request (GitLab).</summary>
internal sealed class SimPull
{
    public required long Id { get; init; }
    public required int Number { get; init; }
    public required long AuthorId { get; init; }
    public required string SourceBranch { get; init; }
    public required string TargetBranch { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Title { get; set; }
    public string Body { get; set; } = "";
    public string HeadSha { get; set; } = "";
    public string BaseSha { get; set; } = "";
    /// <summary>open, closed or merged.</summary>
    public string State { get; set; } = "open";
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? MergedAt { get; set; }
    public string? MergeSha { get; set; }
    public int Version { get; set; }
    public bool IsOpen => State == "open";
}
