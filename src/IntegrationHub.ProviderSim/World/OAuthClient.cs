
namespace IntegrationHub.ProviderSim.World;

/// <summary>A registered OAuth app (GitHub OAuth app, GitLab application, Bitbucket consumer).</summary>
internal sealed record OAuthClient(
    ProviderId Provider,
    string ClientId,
    string ClientSecret,
    IReadOnlyList<string> RedirectUris,
    IReadOnlySet<string>? Scopes);
