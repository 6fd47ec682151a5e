namespace IntegrationHub.Accounts;

/// <summary>An acceptance's answer: the invitation (null: no such link) and, when nothing changed, why.</summary>
public sealed record AcceptOutcome(InvitationLook? Invitation, string? Refusal)
{
    public const string NotValid = "This invitation link is not valid. Check that you copied all of it.";

    public static AcceptOutcome NotFound { get; } = new(null, NotValid);

    public bool Joined => Invitation is not null && Refusal is null;
}
