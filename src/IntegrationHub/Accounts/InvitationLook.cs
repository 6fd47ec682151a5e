namespace IntegrationHub.Accounts;

/// <summary>What an invitation link's page shows: whose invitation, into which tenant, with which role, and its state.</summary>
public sealed record InvitationLook(Guid Id, Guid TenantId, string TenantName, string Email, string Role, DateTimeOffset ExpiresAt, InvitationState State)
{
    /// <summary>Why a link that is no longer pending changes nothing, in the words the page shows.</summary>
    public string? Refusal => State switch
    {
        InvitationState.Expired => $"This invitation expired on {ExpiresAt:yyyy-MM-dd HH:mm} UTC. Ask an owner of {TenantName} for a new one.",
        InvitationState.Accepted => "This invitation has already been used. An invitation link works once.",
        InvitationState.Revoked => $"This invitation was revoked by an owner of {TenantName}.",
        _ => null,
    };

    public bool IsFor(string? email) => string.Equals(email?.Trim(), Email, StringComparison.OrdinalIgnoreCase);
}
