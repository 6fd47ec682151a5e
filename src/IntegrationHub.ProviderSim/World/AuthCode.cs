
namespace IntegrationHub.ProviderSim.World;

/// <summary>An authorization code waiting to be exchanged; single use, 10 minutes like GitHub's.</summary>
internal sealed class AuthCode
{
    public required string Code { get; init; }
    public required ProviderId Provider { get; init; }
    public required string ClientId { get; init; }
    public required string? RedirectUri { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public required long UserId { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public string? CodeChallenge { get; init; }
    public string? CodeChallengeMethod { get; init; }
    public bool Used { get; set; }
}
