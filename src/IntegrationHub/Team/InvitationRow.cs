namespace IntegrationHub.Team;

/// <summary>A pending invitation as the members page lists it (never its link: that is shown once, when made).</summary>
public sealed record InvitationRow(Guid Id, string Email, string Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
