namespace IntegrationHub.Cleanup;

/// <summary>
/// A tenant tried to reconnect or disconnect a connection a platform administrator revoked. Only an administrator
/// decides about a revoked connection, so the tenant can neither bring it back nor hide it.
/// </summary>
public sealed class ConnectionRevokedException(Guid connectionId, string? reason)
    : InvalidOperationException(Words(reason))
{
    public Guid ConnectionId { get; } = connectionId;
    public string? Reason { get; } = reason;

    /// <summary>What the tenant reads about a revoked connection, with the administrator's reason when one was given.</summary>
    public static string Words(string? reason) =>
        "This connection was revoked by an administrator" + (string.IsNullOrWhiteSpace(reason) ? "" : $": {reason.Trim().TrimEnd('.')}")
        + ". It stays revoked; ask a platform administrator if it should be restored.";
}
