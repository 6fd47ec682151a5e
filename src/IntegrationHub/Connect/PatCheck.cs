using IntegrationHub.Providers.Api;

namespace IntegrationHub.Connect;

/// <summary>
/// What a working token showed: its user and, for Bitbucket Data Center, the repository and the hooks on it (for GitHub
/// and GitLab the first repository it sees, if any).
/// </summary>
public sealed record PatCheck(ProviderUser User, ProviderRepository? Repository, IReadOnlyList<ProviderHook> Hooks)
{
    /// <summary>The scopes the provider reported for the token; null when it reports none.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>When the token stops working, where the provider says.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
