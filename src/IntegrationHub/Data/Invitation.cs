namespace IntegrationHub.Data;

/// <summary>
/// An owner's invitation of an e-mail address into a tenant with a role (migrations/0028_invitations.sql). Only the
/// SHA-256 of the link's token is stored; the link itself is shown once to the owner.
/// </summary>
public sealed class Invitation : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Email { get; set; }
    public required string Role { get; set; }
    public required byte[] TokenHash { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public Guid? AcceptedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
