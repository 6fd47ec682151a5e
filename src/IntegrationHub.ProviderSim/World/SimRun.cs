namespace IntegrationHub.ProviderSim.World;

/// <summary>A CI run: GitHub workflow run, GitLab pipeline, Bitbucket pipeline, Azure build.</summary>
internal sealed class SimRun
{
    public required long Id { get; init; }
    public required int Number { get; init; }
    public required string Name { get; init; }
    public required string Branch { get; init; }
    public required string Sha { get; init; }
    public required long ActorId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>queued, in_progress or completed.</summary>
    public string Status { get; set; } = "completed";
    /// <summary>success, failure or cancelled (GitHub words; each renderer maps them).</summary>
    public string? Conclusion { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
