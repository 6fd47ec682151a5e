namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// <c>POST /_sim/github/apps</c>: registers a GitHub App. Without <see cref="PublicKeyPem"/> the simulator makes a
/// 2048-bit RSA key pair and answers the private key once. Ids and secrets are generated unless given (a demo may fix
/// them). <see cref="Permissions"/> maps a permission to read/write; <see cref="RequestOAuthOnInstall"/> is GitHub's
/// "Request user authorization (OAuth) during installation".
/// </summary>
internal sealed record GitHubAppRegistration
{
    public string Name { get; init; } = "Sim App";
    public string? Slug { get; init; }
    public string? Owner { get; init; }
    public long? AppId { get; init; }
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    public string? PublicKeyPem { get; init; }
    public string? WebhookUrl { get; init; }
    public string? WebhookSecret { get; init; }
    public string? SetupUrl { get; init; }
    public string? CallbackUrl { get; init; }
    public bool RequestOAuthOnInstall { get; init; }
    public Dictionary<string, string>? Permissions { get; init; }
    public List<string>? Events { get; init; }
}
