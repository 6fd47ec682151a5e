namespace IntegrationHub.Data;

public sealed class PollCursor : ITenantOwned
{
    public Guid RepositoryId { get; set; }
    public required string Stream { get; set; }
    public Guid TenantId { get; set; }
    public string? Cursor { get; set; }
    public string? Etag { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
