namespace IntegrationHub.ProviderSim.Control;

/// <summary><c>POST /_sim/tokens</c>: a personal access token; an empty <see cref="Token"/> means generate one.</summary>
internal sealed record TokenRequest(string Provider, string? User = null, string? Token = null, List<string>? Scopes = null,
    int? ExpiresInSeconds = null);
