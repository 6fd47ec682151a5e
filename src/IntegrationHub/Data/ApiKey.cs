namespace IntegrationHub.Data;

/// <summary>
/// A tenant's API key. Only the SHA-256 of the key is kept (see migrations/0019_api_keys.sql for why a fast hash is
/// right for 256 random bits); <see cref="Prefix"/> is the first characters, so a person can tell keys apart.
/// </summary>
public sealed class ApiKey : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required byte[] Hash { get; set; }
    public List<string> Scopes { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateOnly? UsageDay { get; set; }
    public int UsesToday { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public Guid? RevokedBy { get; set; }
}
