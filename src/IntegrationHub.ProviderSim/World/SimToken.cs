
namespace IntegrationHub.ProviderSim.World;

/// <summary>An access token: from an OAuth exchange or a personal access token.</summary>
internal sealed class SimToken
{
    public required string Value { get; init; }
    public required ProviderId Provider { get; init; }
    public required long UserId { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? ClientId { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public string? RefreshToken { get; set; }
    public bool IsPersonal { get; init; }
    public bool Revoked { get; set; }

    public bool IsValidAt(DateTimeOffset now) => !Revoked && (ExpiresAt is null || ExpiresAt > now);
    public bool HasScope(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);
}
