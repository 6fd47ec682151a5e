namespace IntegrationHub.Data;

/// <summary>A repository a connection can see, as last discovered. Vanished ones are marked, never silently deleted.</summary>
public sealed class Repository : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid ConnectionId { get; set; }
    public required string ExternalId { get; set; }
    public required string FullPath { get; set; }
    public string? DefaultBranch { get; set; }
    public string Visibility { get; set; } = "private";
    public bool Archived { get; set; }
    public string? HtmlUrl { get; set; }
    public string? ProjectId { get; set; }
    public string Status { get; set; } = "active";
    public bool Watched { get; set; } = true;
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? GoneAt { get; set; }
}
