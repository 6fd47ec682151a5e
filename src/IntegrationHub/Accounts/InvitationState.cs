namespace IntegrationHub.Accounts;

public enum InvitationState
{
    Pending,
    Expired,
    Accepted,
    Revoked,
}
