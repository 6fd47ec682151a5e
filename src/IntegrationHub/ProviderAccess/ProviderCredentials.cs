using IntegrationHub.Providers.Api;

namespace IntegrationHub.ProviderAccess;

/// <summary>An HttpClient for the connection (CA bundle applied) and its connection info with a fresh token.</summary>
public sealed record ProviderCredentials(HttpClient Http, ProviderConnectionInfo Info);
