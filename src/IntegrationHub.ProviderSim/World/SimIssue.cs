namespace IntegrationHub.ProviderSim.World;

internal sealed class SimIssue
{
    public required long Id { get; init; }
    public required int Number { get; init; }
    public required long AuthorId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Title { get; set; }
    public string Body { get; set; } = "";
    /// <summary>open or closed.</summary>
    public string State { get; set; } = "open";
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}
