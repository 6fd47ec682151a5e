namespace IntegrationHub.Connect;

/// <summary>
/// A tenant tried to reconnect or disconnect a connection a platform administrator revoked. Only an administrator
/// decides about a revoked connection, so the tenant can neither bring it back nor hide it.
/// </summary>
public sealed class ConnectionRevokedException(Guid connectionId, string? reason)
    : InvalidOperationException(ConnectErrors.RevokedWords(reason))
{
    public Guid ConnectionId { get; } = connectionId;
    public string? Reason { get; } = reason;
}
