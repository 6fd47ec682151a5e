namespace IntegrationHub.Data;

/// <summary>
/// A tenant's own GitHub App on its GitHub Enterprise Server (migration 0036): the fields GitHub shows after registering
/// it. Properties ending in Protected hold ciphertext only, under the GitHub App purpose (Secrets/SecretPurposes).
/// </summary>
public sealed class TenantGitHubApp : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string BaseUrl { get; set; }
    public long AppId { get; set; }
    public required string Slug { get; set; }
    public required string ClientId { get; set; }
    public required string ClientSecretProtected { get; set; }
    public required string PrivateKeyProtected { get; set; }
    public required string WebhookSecretProtected { get; set; }
    public string? CaBundlePem { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
