namespace IntegrationHub.Data;

public static class ConnectionStatus
{
    public const string Active = "active";
    public const string NeedsReauthorization = "needs_reauthorization";
    public const string Disconnected = "disconnected";
    public const string Revoked = "revoked";
}
