using IntegrationHub.Providers.Api;

namespace IntegrationHub.Connect;

/// <summary>What a working token showed: its user and, for Bitbucket Data Center, the repository and the hooks on it.</summary>
public sealed record PatCheck(ProviderUser User, ProviderRepository? Repository, IReadOnlyList<ProviderHook> Hooks);
